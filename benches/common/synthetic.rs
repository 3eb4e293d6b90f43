//! A deterministic synthetic portfolio for the benchmarks (until
//! `capgraph generate` lands): acyclic, about 5 incoming links per project.
//! Projects fall into 12 waves of equal size, in index order; each depends
//! on 3 projects of earlier waves (mostly the previous one, near its own
//! position: programmes) and uses 2 components provided by projects of
//! earlier waves, so chains stay about 12 projects deep, as in a real
//! portfolio. One component per 8 projects, one capability per 50.

use std::fmt::Write;

const WAVES: usize = 12;

/// xorshift64*: a small, fixed pseudo-random sequence.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Portfolio JSON text with `projects` projects.
pub fn portfolio_json(projects: usize) -> String {
    let mut random = Sequence(0x9E37_79B9_7F4A_7C15 ^ projects as u64);
    let components = (projects / 8).max(1);
    let capabilities = (projects / 50).max(1);
    let domains = ["communication", "core", "cyber"];
    let mut text = String::with_capacity(projects * 300);
    text.push_str(
        r#"{"portfolio": {"name": "Synthetic", "start": "2025-01-01", "currency": "EUR"},
"domains": ["communication", "core", "cyber"],
"components": ["#,
    );
    // Component c is provided by project 8c.
    for c in 0..components {
        if c > 0 {
            text.push_str(",\n");
        }
        let _ = write!(
            text,
            r#"{{"id": "K{c:06}", "name": "Component {c}", "domain": "{}", "provided_by": "P{:06}"}}"#,
            domains[c % 3],
            c * 8
        );
    }
    text.push_str("],\n\"capabilities\": [");
    for c in 0..capabilities {
        if c > 0 {
            text.push_str(",\n");
        }
        let _ = write!(
            text,
            r#"{{"id": "CAP{c:05}", "name": "Capability {c}", "domain": "{}", "target": "2035-06-30"}}"#,
            domains[c % 3]
        );
    }
    text.push_str("],\n\"projects\": [");
    for i in 0..projects {
        if i > 0 {
            text.push_str(",\n");
        }
        let wave = i * WAVES / projects;
        let wave_start = (wave * projects).div_ceil(WAVES);
        let mut depends = Vec::new();
        let mut uses = Vec::new();
        if wave > 0 {
            // Near the same position one or two waves back.
            let span = projects / WAVES;
            for _ in 0..3 {
                let back = span * (1 + usize::from(random.below(4) == 0)) + random.below(400);
                let from = i.saturating_sub(back).min(wave_start - 1);
                depends.push(format!("\"P{from:06}\""));
            }
            for _ in 0..2 {
                let back = span + random.below(400);
                let c = i.saturating_sub(back).min(wave_start - 1) / 8;
                uses.push(format!("\"K{c:06}\""));
            }
            depends.sort();
            depends.dedup();
            uses.sort();
            uses.dedup();
        }
        // Capabilities come late: a third of the second half delivers one.
        let delivers = if wave >= WAVES / 2 && random.below(3) == 0 {
            format!(r#", "delivers": ["CAP{:05}"]"#, random.below(capabilities))
        } else {
            String::new()
        };
        let _ = write!(
            text,
            r#"{{"id": "P{i:06}", "name": "Project {i}", "domain": "{}", "duration_days": {},
 "cost": {{"investment": {}}}, "depends_on": [{}], "uses": [{}]{delivers}}}"#,
            domains[i % 3],
            30 + random.below(300),
            (1 + random.below(200)) * 100_000,
            depends.join(", "),
            uses.join(", ")
        );
    }
    text.push_str("]}\n");
    text
}

/// Writes the portfolio of `projects` projects into the temporary folder
/// (once per process) and returns its path.
pub fn portfolio_file(projects: usize) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("capgraph-bench-{projects}.json"));
    std::fs::write(&path, portfolio_json(projects)).expect("write the synthetic portfolio");
    path
}
