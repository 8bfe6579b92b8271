//! Writes seed inputs for the `permalink_decode` target: the permalink of each file given, plus a
//! few hand-made edge cases. `cargo run --manifest-path fuzz/Cargo.toml --example permalink_seeds
//! -- OUT_DIR FILE...` (scripts/fuzz-smoke.sh and fuzz/seed-corpora.sh run it).

use actiongate_permalink::{encode, PlaygroundState, ViewOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = std::path::PathBuf::from(args.next().expect("OUT_DIR"));
    std::fs::create_dir_all(&out).expect("create OUT_DIR");
    let mut n = 0;
    for (i, path) in args.enumerate() {
        let Ok(code) = std::fs::read_to_string(&path) else {
            continue;
        };
        let file_name = std::path::Path::new(&path)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| "actions.ts".into());
        let state = PlaygroundState {
            code,
            file_name,
            selected: (i % 3 == 0).then_some(i % 5),
            options: ViewOptions {
                show_fixed: i % 2 == 0,
            },
        };
        let fragment = encode(&state);
        let text = if i % 2 == 0 {
            format!("#{fragment}")
        } else {
            fragment
        };
        std::fs::write(out.join(format!("seed-{i:04}")), text).expect("write seed");
        n += 1;
    }
    let edge = [
        "",
        "#",
        "#v1.",
        "v1.",
        "#v2.abc",
        "#v0.",
        "#v1234567890.x",
        "#v1.%20%2B",
        "#v1.N4Ig",
        "#v1.AAAA",
        "#v1.$$$$",
        "#v1.-+-+",
        "#v1.N4IgzgpgTgxgFgSwDYgFwgK4DsAmBTAMwEMIA",
    ];
    for (i, e) in edge.iter().enumerate() {
        std::fs::write(out.join(format!("edge-{i:02}")), e).expect("write seed");
        n += 1;
    }
    eprintln!("{n} permalink seeds in {}", out.display());
}
