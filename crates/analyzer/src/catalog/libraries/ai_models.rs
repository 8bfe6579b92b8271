//! AI model APIs (OpenAI's SDK and the many that copy its shape, Anthropic's, the Vercel AI
//! SDK): asking a model for a completion, an embedding or an image returns generated output and
//! stores nothing of anyone's. Their `create` is not a write. What such a call costs is the
//! app's money, not a user's data, so it is not an authentication sink (SPEC §2); the files,
//! assistants and fine-tunes those APIs also keep are, and stay writes.

/// Inference calls whose path is the model API's own, whatever the receiver is called.
const INFERENCE_PATHS: &[&[&str]] = &[
    &["chat", "completions", "create"],
    &["chat", "completions", "stream"],
    &["chat", "completions", "parse"],
    &["images", "generate"],
    &["audio", "speech", "create"],
    &["audio", "transcriptions", "create"],
    &["audio", "translations", "create"],
];

/// Inference calls whose path a database model could also have (`prisma.responses.create`
/// writes a survey response): only on a receiver named for a model API ([`AI_CLIENT_WORDS`]).
const NAMED_CLIENT_PATHS: &[&[&str]] = &[
    &["messages", "create"],
    &["messages", "stream"],
    &["completions", "create"],
    &["embeddings", "create"],
    &["responses", "create"],
    &["responses", "stream"],
    &["moderations", "create"],
];

/// Words in a receiver's name that say it is a model API client (`openai`, `anthropicClient`).
const AI_CLIENT_WORDS: &[&str] = &[
    "openai",
    "anthropic",
    "claude",
    "groq",
    "mistral",
    "deepseek",
    "llm",
    "gpt",
];

/// Whether a call on `root` through the segments `names` ends in a model inference call
/// (`openai.chat.completions.create`, `anthropic.messages.create`).
pub fn is_inference_call(root: &str, names: &[&str]) -> bool {
    let hangs_off_receiver =
        |path: &[&str]| names.ends_with(path) && (names.len() > path.len() || !root.is_empty());
    if INFERENCE_PATHS.iter().any(|p| hangs_off_receiver(p)) {
        return true;
    }
    let receiver = if names.len() > 2 {
        names[names.len() - 3]
    } else {
        root
    };
    let named_for_a_model = crate::catalog::fold::with_folded(receiver, b"_", |n| {
        AI_CLIENT_WORDS.iter().any(|w| n.contains(w))
    });
    named_for_a_model && NAMED_CLIENT_PATHS.iter().any(|p| names.ends_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inference_is_known_by_its_path() {
        assert!(is_inference_call(
            "openai",
            &["chat", "completions", "create"]
        ));
        assert!(is_inference_call("anthropic", &["messages", "create"]));
        // Without a receiver, or on one that is not named for a model API, `messages.create`
        // and `responses.create` are a project's own.
        assert!(!is_inference_call("", &["messages", "create"]));
        assert!(!is_inference_call("prisma", &["responses", "create"]));
        assert!(is_inference_call("ai", &["openai", "responses", "create"]));
        assert!(!is_inference_call("openai", &["files", "create"]));
        assert!(!is_inference_call("db", &["thread", "messages", "delete"]));
    }
}
