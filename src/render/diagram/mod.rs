//! Diagrams of a view: Graphviz DOT (and its escaping), Mermaid, and the
//! built-in layout that draws small views as SVG without Graphviz; the visual
//! language (palette), what a highlight stresses (emphasis, highlight) and
//! what drew a diagram (renderer).

pub mod built_in;
pub mod dot;
pub mod dot_escape;
pub mod emphasis;
pub mod explorer;
pub mod highlight;
pub mod mermaid;
pub mod palette;
pub mod renderer;
pub mod rows;
