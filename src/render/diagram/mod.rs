//! Diagrams of a view: Graphviz DOT (and its escaping), Mermaid, and the
//! embedded layout that draws small views as SVG without Graphviz; the visual
//! language (palette) and what a highlight stresses (emphasis, highlight).

pub mod dot;
pub mod dot_escape;
pub mod embedded;
pub mod emphasis;
pub mod explorer;
pub mod highlight;
pub mod mermaid;
pub mod palette;
