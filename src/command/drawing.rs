//! Drawing a view as an image: Graphviz's `dot` (or `sfdp`) as a child process
//! with a time limit, killed with capgraph; where Graphviz is missing, the
//! library's built-in layout for small SVG views. Shared by `diagram` and
//! `weekly`.

use std::io::{Read, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::analysis::view::View;
use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::render::diagram::built_in::{built_in_svg, BUILT_IN_LIMIT};
use crate::render::diagram::dot::{self, DotOptions, Layout};
use crate::render::diagram::emphasis::Emphasis;
use crate::render::diagram::renderer::Renderer;

use super::interruption::PendingChild;
use super::Streams;

/// Above this many nodes even `sfdp` takes too long: refuse to draw.
pub const DRAW_LIMIT: usize = 10_000;
/// Above this many nodes, say that drawing may take a while before starting.
const SLOW_LIMIT: usize = 200;
/// Pixels per inch of a PNG unless `--dpi` says otherwise: sharp on paper
/// (Graphviz's own default, 72, is blurred when printed).
pub const DEFAULT_DPI: u32 = 150;
/// How long Graphviz may take unless `--render-timeout` says otherwise.
pub const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

/// The one-line advice on installing Graphviz.
pub const INSTALL_HINT: &str =
    "install Graphviz (apt-get install graphviz, or brew install graphviz), \
     or use --format dot or --format mermaid, which need nothing";

/// What Graphviz writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Image {
    Svg,
    Png,
    Pdf,
}

impl Image {
    fn flag(self) -> &'static str {
        match self {
            Image::Svg => "-Tsvg",
            Image::Png => "-Tpng",
            Image::Pdf => "-Tpdf",
        }
    }
}

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct DrawOptions {
    pub image: Image,
    /// Graphviz is killed after this long (exit 3, with a hint to pick a view).
    pub timeout: Duration,
    /// Ranks top down instead of left to right (small chains on a page).
    pub top_down: bool,
    /// Pixels per inch of a PNG (SVG and PDF are drawn in points and ignore it).
    pub dpi: u32,
}

/// Whether this process has said that the built-in layout drew a diagram.
static SAID_BUILT_IN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// An image, and what drew it.
#[derive(Debug)]
pub struct Drawing {
    pub bytes: Vec<u8>,
    pub renderer: Renderer,
}

/// Why Graphviz gave no image.
#[derive(Debug)]
enum GraphvizError {
    /// The program is not installed (not on PATH).
    Missing,
    /// It ran and failed; its first error lines.
    Failed(String),
}

/// Draws the view with Graphviz, or with the built-in layout when Graphviz is
/// missing and the view is small enough.
pub fn draw(
    portfolio: &Portfolio,
    view: &View,
    emphasis: &Emphasis,
    options: &DrawOptions,
    streams: &mut Streams,
) -> Result<Drawing> {
    let nodes = view.node_count();
    if nodes > DRAW_LIMIT {
        return Err(Error::Usage(format!(
            "{nodes} nodes are too many to lay out (Graphviz would take many minutes); \
             pick a view (--focus, --domain, --kind, --collapse) or write --format dot"
        )));
    }
    let dot_options = DotOptions {
        top_down: options.top_down,
        // Harmless in any SVG; what the explorer finds items by.
        element_classes: true,
        ..DotOptions::for_size(nodes)
    };
    let program = match dot_options.layout {
        Layout::ForceDirected => "sfdp",
        Layout::Layered | Layout::LayeredBounded => "dot",
    };
    let dot_text = dot::render(portfolio, view, emphasis, dot_options);
    if nodes > SLOW_LIMIT {
        let _ = writeln!(
            streams.stderr,
            "capgraph: laying out {nodes} nodes with Graphviz `{program}`; this can take {}",
            if program == "sfdp" {
                "a few seconds (a force-directed layout: pick a view for a layered one)"
            } else {
                "up to about 10 seconds"
            }
        );
    }
    match run_graphviz(&dot_text, program, options) {
        Ok(bytes) => Ok(Drawing {
            renderer: Renderer::graphviz(program, &bytes),
            bytes,
        }),
        Err(GraphvizError::Failed(message)) => Err(Error::Renderer(message)),
        Err(GraphvizError::Missing) if options.image == Image::Svg && nodes <= BUILT_IN_LIMIT => {
            let svg = built_in_svg(portfolio, view, emphasis, options.top_down);
            // Said once, however many diagrams a command draws.
            if !SAID_BUILT_IN.swap(true, std::sync::atomic::Ordering::Relaxed) {
                let _ = writeln!(
                    streams.stderr,
                    "capgraph: Graphviz is not installed; capgraph's built-in layout drew the diagrams \
                     (Graphviz draws them tidier: apt-get install graphviz, or brew install graphviz)"
                );
            }
            Ok(Drawing {
                bytes: svg.into_bytes(),
                renderer: Renderer::BuiltIn,
            })
        }
        Err(GraphvizError::Missing) => {
            let why = if options.image == Image::Svg {
                format!("this view has {nodes} nodes, more than the built-in layout draws ({BUILT_IN_LIMIT})")
            } else {
                "the built-in layout draws only SVG".to_string()
            };
            Err(Error::Renderer(format!(
                "Graphviz's `{program}` is not installed and {why}: {INSTALL_HINT}"
            )))
        }
    }
}

/// Runs Graphviz's `program` on `dot`, returning the image bytes; kills it
/// when it takes longer than the options allow or capgraph is interrupted.
fn run_graphviz(
    dot: &str,
    program: &str,
    options: &DrawOptions,
) -> std::result::Result<Vec<u8>, GraphvizError> {
    let mut command = Command::new(program);
    command.arg(options.image.flag());
    if options.image == Image::Png {
        command.arg(format!("-Gdpi={}", options.dpi));
    }
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let (mut child, _pending) = match PendingChild::spawn(&mut command) {
        Ok(started) => started,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(GraphvizError::Missing),
        Err(e) => {
            return Err(GraphvizError::Failed(format!(
                "cannot start {program}: {e}"
            )))
        }
    };
    // Feed stdin and drain stdout and stderr from threads, so that neither a
    // big input nor a big output can block the pipe while we watch the clock.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = dot.as_bytes().to_vec();
    let feeder = std::thread::spawn(move || stdin.write_all(&input));
    let stdout = drain(child.stdout.take().expect("stdout is piped"));
    let stderr = drain(child.stderr.take().expect("stderr is piped"));
    let status = wait_with_timeout(&mut child, options.timeout)
        .map_err(|e| GraphvizError::Failed(format!("{program} did not finish: {e}")))?;
    let Some(status) = status else {
        return Err(GraphvizError::Failed(format!(
            "Graphviz's `{program}` took more than {} s and was stopped; \
             pick a smaller view (--focus ID --depth 2, --domain D, --kind project, \
             --collapse components), allow more time with --render-timeout SECONDS, \
             or write --format dot",
            options.timeout.as_secs()
        )));
    };
    let fed = feeder.join().unwrap_or(Ok(()));
    let output = stdout.join().unwrap_or_default();
    let message = stderr.join().unwrap_or_default();
    if !status.success() {
        let message = String::from_utf8_lossy(&message);
        let first: Vec<&str> = message.lines().take(3).collect();
        return Err(GraphvizError::Failed(format!(
            "{program} failed ({status}): {}",
            first.join(" / ")
        )));
    }
    if let Err(e) = fed {
        return Err(GraphvizError::Failed(format!(
            "cannot send the graph to {program}: {e}"
        )));
    }
    Ok(output)
}

/// Reads a pipe to its end on a thread of its own.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        bytes
    })
}

/// Waits for `child` at most `timeout`; `None` (and the child killed) when it
/// ran out of time.
fn wait_with_timeout(
    child: &mut Child,
    timeout: Duration,
) -> std::io::Result<Option<std::process::ExitStatus>> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if started.elapsed() >= timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}
