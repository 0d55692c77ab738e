//! Command-line types (clap derive) only; converted into plain configs at once.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// shiryo: yearly report forms of 連携の拠点 (Word/Excel) → normalised JSON.
#[derive(Debug, Parser)]
#[command(name = "shiryo", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract every form of the given files and directories into JSON.
    Extract(ExtractArgs),
    /// Load reports already written (extract's JSON files, or NDJSON) into a
    /// database or officers' tables.
    Load(LoadArgs),
    /// Compare extraction with the expected files written by people.
    Audit(AuditArgs),
    /// Write the overview page (HTML) of a directory of output JSON files.
    Report(ReportArgs),
    /// Internal: serve files to the batch as a worker process (stdin/stdout frames).
    #[command(name = "__worker", hide = true)]
    Worker,
    /// Show how the classifier decides the categories of a text.
    Explain {
        /// The item text to explain.
        text: String,
        /// Read it as an issue (an item of section 2).
        #[arg(long)]
        issue: bool,
        /// Show the dates, counts and warnings read from the text instead.
        #[arg(long)]
        facts: bool,
        /// With --facts: the section's fiscal year (the year it starts in,
        /// e.g. 2024 for 令和6年度), against which months resolve.
        #[arg(long, value_name = "YEAR")]
        fiscal_year: Option<i32>,
        /// With --facts: read the text as an item of a plan section (3).
        #[arg(long)]
        plan: bool,
    },
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Input files or directories (walked recursively for .docx .xlsx .xlsm .xls .ods .doc).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output directory; each input's report goes to DIR/<input path>.json.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    #[command(flatten)]
    pub sinks: SinkArgs,
    /// Files read at once, each in its own worker process (default: all cores).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// No progress bar and no summary line (failed files are still named on stderr).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Keep outputs whose recorded sha256 matches the input and that this version
    /// wrote (`generator`); process only the rest.
    #[arg(long)]
    pub skip_existing: bool,
    /// Give up on a file after this many seconds, wall clock and CPU time
    /// (reported as too_large); 0: no limit. Default: 60 in worker processes,
    /// no limit with --in-process.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
    /// Read files in this process instead of worker processes. Faster to
    /// start, but a file that aborts or hangs a reader ends the whole run
    /// (for fuzzing, embedding and debugging).
    #[arg(long)]
    pub in_process: bool,
    /// Memory (address-space) limit of each worker process, in MiB.
    #[arg(
        long,
        value_name = "MIB",
        default_value_t = 2048,
        conflicts_with = "in_process"
    )]
    pub memory_mib: u64,
    /// Accepted for old scripts: files are isolated in worker processes by default.
    #[arg(long, hide = true, conflicts_with = "in_process")]
    pub isolate: bool,
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Where reports go besides the JSON files.
#[derive(Debug, Args)]
pub struct SinkArgs {
    /// Also write one JSON line per submission (and per failed file) to FILE (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    pub ndjson: Option<PathBuf>,
    /// Load into a database: an SQLite file path, or a postgres:// / postgresql:// URL.
    #[arg(long, value_name = "TARGET")]
    pub db: Option<String>,
    /// Write the items as a CSV table for Excel (UTF-8 with BOM, Japanese headings).
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Write an Excel workbook: items, submissions, warnings, failed files.
    #[arg(long, value_name = "FILE")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("destination").args(["ndjson", "db", "csv", "xlsx"]).required(true).multiple(true)))]
pub struct LoadArgs {
    /// JSON files written by `extract` (directories are walked for *.json,
    /// *.ndjson, *.jsonl) or NDJSON files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub sinks: SinkArgs,
    /// No summary line (unreadable and failed files are still named on stderr).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Limits against hostile inputs.
#[derive(Debug, Args)]
pub struct LimitArgs {
    /// Largest input file in bytes.
    #[arg(long, default_value_t = 64 << 20)]
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of a zip container.
    #[arg(long, default_value_t = 256 << 20)]
    pub max_unzipped_bytes: u64,
    /// Most entries in a zip container.
    #[arg(long, default_value_t = 10_000)]
    pub max_entries: usize,
    /// Highest compression ratio of one zip entry.
    #[arg(long, default_value_t = 200)]
    pub max_ratio: u64,
    /// Most non-empty cells read from one worksheet.
    #[arg(long, default_value_t = 2_000_000)]
    pub max_cells: usize,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Fixture directory: inputs with NAME.expected.json beside them.
    #[arg(default_value = "fixtures")]
    pub dir: PathBuf,
    /// Exit 1 when any field's F1 is below this.
    #[arg(long, default_value_t = 1.0)]
    pub min_f1: f64,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Write a self-contained HTML report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Compare two output directories instead of running extraction (with --actual).
    #[arg(long, requires = "actual")]
    pub expected: Option<PathBuf>,
    /// The newer output directory (with --expected).
    #[arg(long, requires = "expected")]
    pub actual: Option<PathBuf>,
    /// Audit the plan ↔ progress ↔ next-year links instead, against the
    /// expected links in DIR (testdata/links); the fixtures they name are read
    /// from the fixture directory.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["expected", "actual", "html"])]
    pub links: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Directory of output JSON files (written by `shiryo extract --out DIR`).
    #[arg(required_unless_present = "db", conflicts_with = "db")]
    pub dir: Option<PathBuf>,
    /// Read the reports from a database instead (an SQLite file or a
    /// postgres:// URL, loaded by `extract --db` or `load --db`).
    #[arg(long, value_name = "TARGET")]
    pub db: Option<String>,
    /// Where to write the self-contained overview page.
    #[arg(long, value_name = "FILE")]
    pub html: PathBuf,
}

impl LimitArgs {
    pub fn to_limits(&self) -> shiryo::Limits {
        shiryo::Limits {
            max_file_bytes: self.max_file_bytes,
            max_unzipped_bytes: self.max_unzipped_bytes,
            max_entries: self.max_entries,
            max_ratio: self.max_ratio,
            max_cells: self.max_cells,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
