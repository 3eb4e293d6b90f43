//! A synthetic portfolio for the diagram benchmark (shared with ad-hoc timing).

use capgraph::model::Portfolio;

/// A portfolio of `projects` projects, one component per 5 projects (provided
/// by one of them), one capability per 200; each project depends on up to two
/// earlier ones, uses up to two earlier components and delivers one capability.
pub fn synthetic(projects: usize) -> Portfolio {
    let domains = ["communication", "core", "cyber"];
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % bound.max(1)
    };
    let components = projects / 5;
    let capabilities = (projects / 200).max(1);
    let component_json: Vec<serde_json::Value> = (0..components)
        .map(|c| {
            serde_json::json!({ "id": format!("C-{c:06}"), "name": format!("Shared component {c}"),
                "domain": domains[c % 3], "provided_by": format!("P-{:06}", c * 5) })
        })
        .collect();
    let capability_json: Vec<serde_json::Value> = (0..capabilities)
        .map(|c| serde_json::json!({ "id": format!("CAP-{c:04}"), "name": format!("Capability {c}"), "domain": domains[c % 3] }))
        .collect();
    let project_json: Vec<serde_json::Value> = (0..projects)
        .map(|p| {
            let mut depends = Vec::new();
            if p > 0 {
                for _ in 0..2 {
                    let q = p.saturating_sub(1 + next(50));
                    if q < p {
                        depends.push(serde_json::json!({ "id": format!("P-{q:06}"), "type": if next(4) == 0 { "SS" } else { "FS" }, "lag_days": next(3) * 10 }));
                    }
                }
            }
            let mut uses = Vec::new();
            // Components provided by projects before p (provided_by C = project 5C).
            let available = p.div_ceil(5).min(components);
            if available > 0 {
                for _ in 0..2 {
                    uses.push(format!("C-{:06}", available - 1 - next(available.min(40))));
                }
                uses.sort();
                uses.dedup();
            }
            serde_json::json!({ "id": format!("P-{p:06}"), "name": format!("Project number {p} of the synthetic portfolio"),
                "domain": domains[p % 3], "duration_days": 30 + next(300),
                "depends_on": depends, "uses": uses, "delivers": [format!("CAP-{:04}", next(capabilities))] })
        })
        .collect();
    let json = serde_json::json!({
        "portfolio": { "name": "Synthetic", "start": "2025-01-01" },
        "domains": domains,
        "components": component_json, "capabilities": capability_json, "projects": project_json
    });
    let checked = capgraph::model::portfolio_from_str(&json.to_string(), "synthetic.json");
    checked.value.unwrap_or_else(|| {
        let problems = &checked.problems;
        panic!(
            "invalid synthetic portfolio: {:?}",
            &problems[..problems.len().min(3)]
        )
    })
}
