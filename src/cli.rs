//! The command line (SPEC §6) as clap derive types: one `Args` struct per
//! subcommand, which doubles as that command's options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Dependency, critical-path, impact and commonality analysis for a portfolio
/// of interdependent capital-investment projects.
#[derive(Debug, Parser)]
#[command(name = "capgraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a portfolio (and a status file); print every problem
    Check(CheckArgs),
    /// Critical-path schedule: dates, float, critical path, capability margins
    Schedule(ScheduleArgs),
    /// What drives one node's date: every ancestor with its float to it
    Path(PathArgs),
    /// What slips, by how much and through which chain, when something slips
    Impact(ImpactArgs),
    /// What-ifs on top of this week side by side, and the recovery late capabilities need
    Options(OptionsArgs),
    /// Single points of failure: what each project and component holds up
    Rank(RankArgs),
    /// Shared components, overlapping projects and cross-domain clusters
    Common(CommonArgs),
    /// Dependency diagrams (Graphviz DOT/SVG/PNG/PDF or Mermaid)
    Diagram(DiagramArgs),
    /// The Monday briefing: Markdown, HTML, JSON and diagrams into a folder
    Weekly(WeeklyArgs),
    /// Read a P6 or MS Project schedule, or the office's register, into a portfolio (and a status file)
    Import(ImportArgs),
    /// Money by fiscal year: phasing, shifts, cost of delay, authorisations, earned value
    Funding(FundingArgs),
    /// Write the graph and its schedule figures for yEd, Gephi, networkx or Neo4j
    Export(ExportArgs),
    /// Write a synthetic portfolio (or a matching status file) for demos and benchmarks
    Generate(GenerateArgs),
    /// Schedule risk: P50/P80 dates, chance of meeting each target, criticality, sensitivity
    Risk(RiskArgs),
    /// Screen a plan's logic and status: the DCMA 14-point checks (SPEC §12)
    Screen(ScreenArgs),
    /// Milestone trend over weekly status files: forecasts and margins per week (SPEC §13)
    Trend(TrendArgs),
}

/// Output format of the analysis commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    /// Aligned text for people
    #[default]
    Table,
    /// Stable machine-readable JSON
    Json,
    /// Markdown for pasting into a paper
    Md,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CheckFormat {
    #[default]
    Table,
    Json,
}

/// Where text output goes.
#[derive(Debug, Clone, Args, Default)]
pub struct OutputArgs {
    /// Write to FILE instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Also check this status file against the portfolio
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: CheckFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ScheduleArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Apply this week's status updates
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// Total float (days) at or below which a node is near-critical
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub near_critical: i64,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct PathArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// The node (usually a capability) whose drivers to list
    #[arg(long, value_name = "ID")]
    pub to: String,
    /// Apply this week's status updates
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// A scenario: a status file or `--delay` options (not both).
#[derive(Debug, Clone, Args, Default)]
pub struct ScenarioArgs {
    /// The status file whose updates make the scenario
    #[arg(long, value_name = "FILE", conflicts_with = "delay")]
    pub status: Option<PathBuf>,
    /// Delay a node by DAYS (negative: a gain); repeatable
    #[arg(long, value_name = "ID=DAYS", allow_hyphen_values = true)]
    pub delay: Vec<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ImpactArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    /// Compare against this status file instead of the baseline: with --status,
    /// last week against this week; with --delay, a what-if on top of it
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Reachability only (no dates): everything downstream, with one shortest chain
    #[arg(long)]
    pub structural: bool,
    /// Show at most N impact chains in table and md output (0: all); JSON lists every impacted node
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub chains: usize,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct OptionsArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// This week's status file: every option applies on top of it
    #[arg(long, value_name = "FILE")]
    pub status: PathBuf,
    /// An option, "NAME: ID=DAYS, ID=DAYS" (negative days: an acceleration); repeatable
    #[arg(
        long = "option",
        value_name = "NAME: ID=DAYS, ...",
        allow_hyphen_values = true
    )]
    pub options: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct RankArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Rank for this week: work that has started or finished stops the count,
    /// finished work is not ranked, floats are the updated schedule's
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// Keep only the K highest-ranked nodes
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct CommonArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Smallest number of shared components for a pair to be listed (≥ 1)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_shared: usize,
    /// Jaccard index at or above which two projects join a cluster (0–1)
    #[arg(long, value_name = "X", default_value_t = 0.5)]
    pub min_jaccard: f64,
    /// Keep only the K strongest pairs
    #[arg(long, value_name = "K")]
    pub top: Option<usize>,
    /// Leave this component out of pairs, Jaccard indices and clusters, like
    /// infrastructure (repeatable)
    #[arg(long, value_name = "ID")]
    pub ignore: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Diagram output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagramFormat {
    Dot,
    Svg,
    Png,
    Pdf,
    Mermaid,
    /// One self-contained page to explore the diagram: zoom, search, filters,
    /// and a click that shows what drives an item and what it holds up
    Html,
}

/// Which nodes to highlight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Highlight {
    /// The critical path in bold red, near-critical nodes in amber
    Critical,
    /// Nodes impacted by a scenario (--status or --delay), shaded by slip
    Impact,
}

/// Kind filter for diagrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindFilter {
    Project,
    Component,
    Capability,
}

/// Folding for big portfolios.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Collapse {
    /// Hide components; draw project → project links through them
    Components,
    /// Capability-level view: projects folded into what they deliver
    Capabilities,
}

#[derive(Debug, Clone, Args)]
pub struct DiagramArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Write to FILE (the format follows its extension unless --format is given)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum)]
    pub format: Option<DiagramFormat>,
    /// Show only this node's neighbourhood, up- and downstream
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// How many links away from --focus to show
    #[arg(long, value_name = "N", requires = "focus")]
    pub depth: Option<usize>,
    /// Show only nodes of this domain (repeatable)
    #[arg(long, value_name = "D")]
    pub domain: Vec<String>,
    /// Show only nodes of this kind (repeatable)
    #[arg(long, value_enum, value_name = "KIND")]
    pub kind: Vec<KindFilter>,
    #[arg(long, value_enum)]
    pub highlight: Option<Highlight>,
    /// With --highlight critical: total float (days) at or below which a node is near-critical
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub near_critical: i64,
    #[command(flatten)]
    pub scenario: ScenarioArgs,
    #[arg(long, value_enum)]
    pub collapse: Option<Collapse>,
    /// With --format png: pixels per inch [default: 150, sharp in print; 72 is
    /// screen size]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(10..=1200))]
    pub dpi: Option<u32>,
    /// Stop Graphviz after this many seconds (exit 3)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::command::drawing::DEFAULT_TIMEOUT_SECONDS)]
    pub render_timeout: u64,
}

#[derive(Debug, Clone, Args)]
pub struct WeeklyArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// This week's status file
    #[arg(long, value_name = "FILE")]
    pub status: PathBuf,
    /// Last week's status file, for the "since last week" figures
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// Earlier weeks' status files, for the milestone trend (SPEC §13):
    /// `--history W46.json W47.json …`; this week's and last week's files
    /// join them by themselves
    #[arg(long, value_name = "FILE", num_args = 1..)]
    pub history: Vec<PathBuf>,
    /// The folder to write the briefing into (created if missing)
    #[arg(short = 'o', long = "output", value_name = "DIR")]
    pub output: PathBuf,
    /// Margin (days) below which a capability is at risk (amber)
    #[arg(long, value_name = "N", default_value_t = 30)]
    pub amber: i64,
    /// Fall in total float (days) since last week that counts as erosion
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub erosion: i64,
    /// Replace a briefing of another week already in the folder
    #[arg(long)]
    pub force: bool,
    /// A what-if on top of this week, for the recovery and options section
    /// (repeatable): "NAME: ID=DAYS, ID=DAYS" (negative days: an acceleration)
    #[arg(
        long = "option",
        value_name = "NAME: ID=DAYS, ...",
        allow_hyphen_values = true
    )]
    pub options: Vec<String>,
    /// Stop Graphviz after this many seconds per diagram (exit 3)
    #[arg(long, value_name = "SECONDS", default_value_t = crate::command::drawing::DEFAULT_TIMEOUT_SECONDS)]
    pub render_timeout: u64,
    /// A marking (for example a classification) printed at the top and
    /// bottom of every page of the briefing and of the Markdown
    #[arg(long, value_name = "TEXT")]
    pub marking: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct GenerateArgs {
    /// Number of projects
    #[arg(long, value_name = "N")]
    pub projects: usize,
    /// Random seed: the same seed gives the same bytes
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// Write a status file matching the portfolio of the same N and seed
    #[arg(long)]
    pub status: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output format of `funding`: the analysis formats and CSV for spreadsheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FundingFormat {
    /// Aligned text for people
    #[default]
    Table,
    /// Stable machine-readable JSON (amounts unrounded)
    Json,
    /// Markdown for pasting into a paper
    Md,
    /// One flat table for spreadsheets
    Csv,
}

/// How `funding` groups projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum FundingBy {
    #[default]
    Domain,
    /// A project counts in every capability it delivers
    Capability,
    Project,
}

/// The unit of amounts in tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MoneyUnitArg {
    /// Thousands
    #[value(name = "k")]
    Thousands,
    /// Millions
    #[value(name = "M")]
    Millions,
}

#[derive(Debug, Clone, Args)]
pub struct FundingArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Compare this week's schedule (and its progress) with the baseline
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// Group projects by domain, capability or project
    #[arg(long, value_enum, default_value_t)]
    pub by: FundingBy,
    /// Last fiscal year of the horizon (later money is reported as "later")
    #[arg(long, value_name = "YEAR")]
    pub until: Option<i64>,
    /// Amounts in tables in thousands (k) or millions (M) rather than whole units
    #[arg(long, value_enum)]
    pub unit: Option<MoneyUnitArg>,
    #[arg(long, value_enum, default_value_t)]
    pub format: FundingFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output format of `risk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum RiskFormat {
    /// Aligned text for people
    #[default]
    Table,
    /// Stable machine-readable JSON
    Json,
    /// Markdown for pasting into a paper
    Md,
    /// S-curves of the finish dates: the chance of finishing by each date
    Svg,
}

/// The distribution a three-point estimate draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Distribution {
    #[default]
    Triangular,
    /// Beta-PERT (shape 4)
    Pert,
}

#[derive(Debug, Clone, Args)]
pub struct RiskArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Apply this week's status updates to every iteration
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// Number of iterations (each a whole schedule)
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub iterations: usize,
    /// Random seed: the same seed gives the same output, whatever the threads
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t)]
    pub distribution: Distribution,
    /// Correlation R (0 ≤ R < 1) of the durations of projects of one domain
    #[arg(long, value_name = "R", default_value_t = 0.0)]
    pub correlation: f64,
    #[arg(long, value_enum, default_value_t)]
    pub format: RiskFormat,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Output format of `screen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScreenFormat {
    /// Aligned text for people
    Table,
    /// Stable machine-readable JSON
    Json,
    /// The screening report in Markdown
    Md,
    /// The screening report as one self-contained HTML page
    Html,
}

#[derive(Debug, Clone, Args)]
pub struct ScreenArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Screen the status too (checks 9, 11, 13 and 14 need it)
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// Total float (days) above which a project has high float (check 6)
    #[arg(long, value_name = "N", default_value_t = 44)]
    pub high_float: i64,
    /// Duration (days) above which a project is too long (check 8)
    #[arg(long, value_name = "N", default_value_t = 44)]
    pub high_duration: i64,
    /// Exit 4 when any check fails (for scripted intake); else exit 0 whatever the checks say
    #[arg(long)]
    pub fail_on_finding: bool,
    /// table, json, md or html (default: html when -o ends in .html, else table)
    #[arg(long, value_enum)]
    pub format: Option<ScreenFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// GraphML with yFiles labels (yEd, Gephi, networkx.read_graphml)
    Graphml,
    /// networkx node-link JSON (networkx.node_link_graph)
    NodeLink,
    /// A Cypher script for Neo4j and other openCypher databases
    Cypher,
    /// nodes.csv and relationships.csv for neo4j-admin database import (-o is a folder)
    Neo4jCsv,
    /// The register workbook (.xlsx) with schedule figures: `import register` reads it back
    Xlsx,
}

/// The key of the list of links in node-link JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum LinksKey {
    /// `edges` (networkx 3.4 and later)
    #[default]
    Edges,
    /// `links` (older networkx, d3)
    Links,
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Apply this week's status updates to the schedule figures
    #[arg(long, value_name = "FILE")]
    pub status: Option<PathBuf>,
    /// node-link: the key of the list of links
    #[arg(long, value_enum, default_value_t)]
    pub links_key: LinksKey,
    /// Write to PATH (a folder for neo4j-csv) instead of standard output
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// What `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// Primavera P6 XER
    P6,
    /// MS Project XML (MSPDI: File → Save As → XML Format)
    Msproject,
    /// The office's register: an .xlsx workbook, or one .csv file per sheet
    Register,
}

/// Which sheet of the register a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RegisterKind {
    Portfolio,
    Projects,
    Components,
    Capabilities,
    Status,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The file to read (register: a workbook, or its .csv files)
    pub files: Vec<PathBuf>,
    /// The portfolio file to write (JSON)
    #[arg(short = 'o', long = "output", value_name = "PORTFOLIO")]
    pub output: Option<PathBuf>,
    /// Also write the actual dates and remaining durations as a status file
    #[arg(long, value_name = "FILE")]
    pub status_out: Option<PathBuf>,
    /// p6, msproject: the project to read from a file that holds several (short name or id)
    #[arg(long, value_name = "ID")]
    pub project: Option<String>,
    /// register: write an empty register workbook (headers, explanations, examples) and read nothing
    #[arg(long, value_name = "FILE.xlsx", conflicts_with_all = ["files", "output", "status_out"])]
    pub template: Option<PathBuf>,
    /// register: the sheet a .csv file holds, when its name does not say
    #[arg(long, value_enum)]
    pub kind: Option<RegisterKind>,
    /// register: the portfolio's start (day 0), over the Portfolio sheet's
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub start: Option<String>,
}

/// Output format of `trend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TrendFormat {
    /// Aligned text for people
    Table,
    /// Stable machine-readable JSON
    Json,
    /// Markdown for pasting into a paper
    Md,
    /// The milestone trend chart as SVG
    Svg,
}

#[derive(Debug, Clone, Args)]
pub struct TrendArgs {
    /// The portfolio file (JSON)
    pub portfolio: PathBuf,
    /// Two or more weekly status files, in any order (sorted by as_of)
    #[arg(value_name = "STATUS", num_args = 2.., required = true)]
    pub statuses: Vec<PathBuf>,
    /// table, json, md or svg (default: svg when -o ends in .svg, else table)
    #[arg(long, value_enum)]
    pub format: Option<TrendFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
}
