//! Entry point of the playground's wasm binary (built by Trunk from `index.html`).

#[cfg(target_arch = "wasm32")]
fn main() {
    actiongate_playground::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The playground runs in the browser: build it with `trunk build` (see crates/playground/README.md).");
}
