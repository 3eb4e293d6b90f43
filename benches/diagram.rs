//! DOT (and Mermaid) for the 100 000-project portfolio of `capgraph generate`: view
//! selection plus text, the part of `capgraph diagram --format dot` after
//! loading. Target: DOT in ≤ 1 s.
//!
//! `cargo bench --bench diagram`

/// The allocator the `capgraph` binary uses, so the figures match it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion};

#[path = "support/generated.rs"]
mod generated;

use capgraph::analysis::view::{select, Fold, ViewOptions};
use capgraph::render::diagram::dot::{self, DotOptions};
use capgraph::render::diagram::emphasis::Emphasis;
use capgraph::render::diagram::mermaid;

fn bench(c: &mut Criterion) {
    let portfolio = capgraph::model::load_portfolio(&generated::portfolio_file(100_000))
        .value
        .expect("valid generated portfolio");
    let mut group = c.benchmark_group("diagram 100k projects");
    group.sample_size(10);
    let emphasis = Emphasis::none();
    group.bench_function("dot, whole portfolio", |b| {
        b.iter(|| {
            let view = select(&portfolio, &ViewOptions::default());
            dot::render(
                &portfolio,
                &view,
                &emphasis,
                DotOptions::for_size(view.node_count()),
            )
        })
    });
    group.bench_function("dot, components folded", |b| {
        let options = ViewOptions {
            fold: Some(Fold::Components),
            ..ViewOptions::default()
        };
        b.iter(|| {
            let view = select(&portfolio, &options);
            dot::render(
                &portfolio,
                &view,
                &emphasis,
                DotOptions::for_size(view.node_count()),
            )
        })
    });
    group.bench_function("mermaid, whole portfolio", |b| {
        b.iter(|| {
            let view = select(&portfolio, &ViewOptions::default());
            mermaid::render(&portfolio, &view, &emphasis)
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
