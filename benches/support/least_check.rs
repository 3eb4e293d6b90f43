//! The least work any `check` must do beyond parsing, as a lower bound for
//! issue 10's speed target: read the file once into borrowed records (ids
//! and the ids links name as `&str` into the text; every other field
//! skipped by serde), resolve every link's id through one hash map
//! (foldhash, as capgraph's index), pack the links into one compact list
//! per node (CSR of `u32`) and order the nodes topologically (Kahn's
//! algorithm), which finds any cycle. No other check, no problem, no
//! owned string, no graph kept.

use std::collections::HashMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct File<'a> {
    #[serde(borrow, default)]
    components: Vec<Element<'a>>,
    #[serde(borrow, default)]
    capabilities: Vec<Element<'a>>,
    #[serde(borrow, default)]
    projects: Vec<Element<'a>>,
}

#[derive(Deserialize)]
struct Element<'a> {
    #[serde(borrow)]
    id: &'a str,
    #[serde(borrow, default)]
    depends_on: Vec<LinkId<'a>>,
    #[serde(borrow, default)]
    uses: Vec<LinkId<'a>>,
    #[serde(borrow, default)]
    delivers: Vec<&'a str>,
    #[serde(borrow, default)]
    provided_by: Option<&'a str>,
}

/// The id a link names: written as the id or as `{"id": …, …}`.
struct LinkId<'a>(&'a str);

impl<'de: 'a, 'a> Deserialize<'de> for LinkId<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = LinkId<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a link")
            }
            fn visit_borrowed_str<E>(self, id: &'de str) -> Result<LinkId<'de>, E> {
                Ok(LinkId(id))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<LinkId<'de>, A::Error> {
                let mut id = "";
                while let Some(key) = map.next_key::<&'de str>()? {
                    if key == "id" {
                        id = map.next_value()?;
                    } else {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
                Ok(LinkId(id))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Reads and checks `path` as above: the number of nodes in topological
/// order (all of them exactly when there is no cycle).
pub fn least_check(path: &std::path::Path) -> usize {
    let text = std::fs::read_to_string(path).expect("readable UTF-8");
    let file: File = serde_json::from_str(&text).expect("a portfolio");
    let elements = || {
        file.components
            .iter()
            .chain(&file.capabilities)
            .chain(&file.projects)
    };
    let count = file.components.len() + file.capabilities.len() + file.projects.len();
    let mut index: HashMap<&str, u32, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(count, Default::default());
    for (n, element) in elements().enumerate() {
        index.insert(element.id, n as u32);
    }
    // (predecessor, successor) of every link.
    let mut edges: Vec<(u32, u32)> = Vec::new();
    for (n, element) in elements().enumerate() {
        let own = n as u32;
        let named = |id: &str| *index.get(id).expect("a known id");
        if let Some(provider) = element.provided_by {
            edges.push((named(provider), own));
        }
        for link in element.depends_on.iter().chain(&element.uses) {
            edges.push((named(link.0), own));
        }
        for capability in &element.delivers {
            edges.push((own, named(capability)));
        }
    }
    let mut first = vec![0u32; count + 1];
    let mut incoming = vec![0u32; count];
    for &(from, to) in &edges {
        first[from as usize + 1] += 1;
        incoming[to as usize] += 1;
    }
    for i in 1..first.len() {
        first[i] += first[i - 1];
    }
    let mut fill = first.clone();
    let mut successors = vec![0u32; edges.len()];
    for &(from, to) in &edges {
        successors[fill[from as usize] as usize] = to;
        fill[from as usize] += 1;
    }
    let mut order: Vec<u32> = (0..count as u32)
        .filter(|&n| incoming[n as usize] == 0)
        .collect();
    let mut next = 0;
    while next < order.len() {
        let node = order[next] as usize;
        next += 1;
        for &successor in &successors[first[node] as usize..first[node + 1] as usize] {
            incoming[successor as usize] -= 1;
            if incoming[successor as usize] == 0 {
                order.push(successor);
            }
        }
    }
    order.len()
}
