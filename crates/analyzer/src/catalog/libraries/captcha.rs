//! Captcha verification (reCAPTCHA, hCaptcha, Cloudflare Turnstile): the server posts the token
//! the visitor's browser got, with the site's secret, to the provider's `siteverify` address and
//! reads back whether a human solved it. It is a check, like comparing a password: nothing of
//! anybody's is stored or changed, whoever calls.

/// The tag ([`crate::facts::value::Value::inert`]) of a string holding a captcha provider's
/// verification address, and of a `URL` built from one.
pub const VERIFY_ADDRESS: &str = "captcha-verify";

/// The verification addresses, as `host/path` (documented by each provider).
const VERIFY_ADDRESSES: &[&str] = &[
    "www.google.com/recaptcha/api/siteverify",
    "google.com/recaptcha/api/siteverify",
    "www.recaptcha.net/recaptcha/api/siteverify",
    "hcaptcha.com/siteverify",
    "api.hcaptcha.com/siteverify",
    "challenges.cloudflare.com/turnstile/v0/siteverify",
];

/// Whether `text` is a captcha provider's verification address (with or without a query).
pub fn is_verify_address(text: &str) -> bool {
    let Some(rest) = text.trim().strip_prefix("https://") else {
        return false;
    };
    let address = rest.split(['?', '#']).next().unwrap_or("");
    let address = address.trim_end_matches('/');
    VERIFY_ADDRESSES
        .iter()
        .any(|known| address.eq_ignore_ascii_case(known))
}

#[cfg(test)]
mod tests {
    use super::is_verify_address;

    #[test]
    fn knows_the_verification_addresses() {
        assert!(is_verify_address(
            "https://www.google.com/recaptcha/api/siteverify"
        ));
        assert!(is_verify_address(
            "https://www.google.com/recaptcha/api/siteverify?secret=x&response=y"
        ));
        assert!(is_verify_address(
            "https://challenges.cloudflare.com/turnstile/v0/siteverify"
        ));
        assert!(is_verify_address("https://hcaptcha.com/siteverify"));
        assert!(!is_verify_address(
            "https://hcaptcha.com/siteverify/../admin"
        ));
        assert!(!is_verify_address("https://example.com/siteverify"));
        assert!(!is_verify_address(
            "http://www.google.com/recaptcha/api/siteverify"
        ));
    }
}
