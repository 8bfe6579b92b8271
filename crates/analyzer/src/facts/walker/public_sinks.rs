//! Sinks that are public by design (SPEC §3): what an anonymous caller may do because the
//! record is theirs by something other than a session — a cookie the server set, a secret the
//! app sent them — or because, in a project without accounts, the data is nobody's.

use super::mailbox::is_email_column;
use super::sink_calls::not_a_sink;
use super::*;

impl<'g, 'a> Walker<'g, 'a> {
    /// The value a sink produces when it is public by design, or `None` when it is a sink to
    /// judge.
    pub(super) fn public_by_design(
        &self,
        m: &SinkMatch,
        label: &str,
        span: ByteSpan,
        keys: &[(Option<String>, Value<'a>)],
        data: &[(Option<String>, Value<'a>)],
    ) -> Option<Value<'a>> {
        // The visitor's own anonymous record (a cart whose id is in a cookie the server set):
        // public by design, whoever calls.
        if keys.iter().chain(data.iter()).any(|(_, v)| v.anon_owned)
            && !keys.iter().chain(data.iter()).any(|(_, v)| v.identity)
        {
            return Some(Value::default());
        }
        // A project without accounts (no identity package in its manifest, no account model
        // in its schema: a public demo whose table anyone edits): the rows of its own database
        // are nobody's and acting on them is public by design. Emptying a whole table is still
        // a sink, and so is a call to a service (a shop platform's API), whose data may be its
        // customers'.
        if m.library.is_own_database()
            && self.graph.has_no_accounts()
            && !(m.kind == SinkKind::Mutation && keys.is_empty() && sinks::removes_rows(&m.op))
        {
            return Some(if m.kind == SinkKind::Read {
                not_a_sink(keys, label.to_string())
            } else {
                Value::default()
            });
        }
        // `deleteObject({ Key: imageName })` where `imageName = `${nanoid()}.jpeg``: the object
        // this very request named (and made), removed again when something failed. Nobody else
        // can hold it.
        // (The bucket beside it is the server's.)
        if m.kind == SinkKind::Mutation
            && !sinks::creates_rows(&m.op)
            && keys.iter().any(|(_, v)| v.fresh)
            && !keys
                .iter()
                .chain(data.iter())
                .any(|(_, v)| v.is_tainted() || v.identity || v.record.is_some())
        {
            return Some(Value::default());
        }
        // The one-time secrets of an address (`verificationToken.deleteMany({ where: { email }
        // })` before a fresh one is made and mailed, or texted to a phone number): they only
        // ever reach that mailbox, so
        // replacing them gives the caller nothing of anyone's. (Or selected by a value of the
        // server's own: the account the flow already looked up.)
        if m.model
            .as_deref()
            .is_some_and(|m| self.graph.names.is_mailed_secret_model(m))
            && m.kind == SinkKind::Mutation
            && (sinks::creates_rows(&m.op) || !keys.is_empty())
            && keys.iter().all(|(col, v)| {
                col.as_deref()
                    .is_some_and(|c| is_email_column(c) || names::is_phone_column(c))
                    || !v.is_tainted() && !v.identity
            })
        {
            return Some(Value::default());
        }
        // The caller's own session token sent along to a service (`session_token:
        // cookie.value` in the body, see `forwards_caller_session`): the service checks the
        // token and decides what its holder may touch, as row-level security does for a
        // database. The ids the client chose travel with the caller's authority, not the
        // server's.
        if !m.library.is_own_database()
            && m.library != crate::catalog::libraries::Library::FileSystem
            && keys.iter().chain(data.iter()).any(|(_, v)| v.raw_token)
        {
            return Some(Value::default());
        }
        // A captcha token checked at its provider's verification address (`siteverify`): a
        // check, whoever calls (see `libraries/captcha.rs`).
        if keys
            .iter()
            .any(|(_, v)| v.inert == Some(crate::catalog::libraries::captcha::VERIFY_ADDRESS))
        {
            return Some(Value::default());
        }
        // Registration (SPEC §3: sign-up is public by design): a new row whose password the
        // caller sets, whatever the app calls its accounts (`user`, `patient`, `doctor`).
        // Whoever calls gets an account of their own; a role the caller chooses for it is no
        // sign-up.
        if m.kind == SinkKind::Mutation
            && sinks::creates_rows(&m.op)
            && data.iter().any(|(col, v)| {
                col.as_deref().is_some_and(names::is_password_column)
                    && (v.is_tainted() || names::is_account_model(m.model.as_deref()))
            })
            && !data.iter().any(|(col, v)| {
                v.is_tainted() && col.as_deref().is_none_or(names::is_role_name)
                    || v.identity
                    || v.record.is_some()
            })
        {
            return Some(Value::default());
        }
        // A record selected by a secret the app sent someone (an invitation or email-change
        // token, a Stripe checkout session id from the success link): holding the secret is
        // the right to the record (SPEC §3). Reading it is public by design, and what the
        // caller then does with it (the invitation's team, the change's account) is that
        // record's, like an anonymous cart.
        if self.selected_by_secret_link(m, keys) {
            if m.kind == SinkKind::Read {
                let mut v = not_a_sink(keys, label.to_string());
                v.anon_owned = true;
                v.span = Some(span);
                return Some(v);
            }
            return Some(Value::default());
        }
        None
    }

    /// Whether a call selects its record by a secret the caller was sent: a client value in a
    /// secret-link column (`where: { token }`), or a Stripe checkout session's id.
    fn selected_by_secret_link(&self, m: &SinkMatch, keys: &[(Option<String>, Value<'a>)]) -> bool {
        // Only where keys really select (`where`, `.eq(..)`, a filter): a token written into
        // a new row, or an argument of an unknown call, selects nothing.
        let selects = matches!(
            m.shape,
            ArgShape::PrismaObject | ArgShape::Builder | ArgShape::FilterThenData
        ) && !sinks::creates_rows(&m.op);
        // In a table of mailed one-time secrets (`verificationCode`, `resetPasswordTokens`),
        // its short `code` is the secret too: nobody's coupon or order number.
        let mailed_secrets = m
            .model
            .as_deref()
            .is_some_and(|m| self.graph.names.is_mailed_secret_model(m));
        let in_token_column = selects
            && keys.iter().any(|(col, v)| {
                col.as_deref().is_some_and(|c| {
                    names::is_secret_link_column(c)
                        || mailed_secrets && names::is_one_time_code_column(c)
                }) && v.is_tainted()
            });
        let checkout_session = m.library == crate::catalog::libraries::Library::Stripe
            && m.kind == SinkKind::Read
            && m.model.as_deref() == Some("checkout")
            && keys.iter().any(|(_, v)| v.is_tainted());
        in_token_column || checkout_session
    }
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Notes the records inside a value the action stores in an anonymous-owner cookie
    /// (`cookies().set("cartId", cart.id)`).
    pub(super) fn note_cookie_handed(&mut self, value: &Value<'a>) {
        fn sinks_in(v: &Value<'_>, depth: u32, out: &mut Vec<usize>) {
            if let Some(idx) = v.record.as_ref().and_then(|r| r.sink) {
                out.push(idx);
            }
            if depth < 4 {
                for field in v.fields.iter().flat_map(|f| f.values()) {
                    sinks_in(field, depth + 1, out);
                }
            }
        }
        sinks_in(value, 0, &mut self.cookie_handed);
    }

    /// The sinks that made a fresh anonymous record for the visitor (SPEC §3, an anonymous
    /// cart keyed by a cookie the server set): a write from server values only whose record
    /// the action then stores in the visitor's cookie. Whoever calls gets a new record of
    /// their own; nothing anyone else holds is touched.
    pub(super) fn handed_by_cookie(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.cookie_handed)
            .into_iter()
            .filter(|&idx| {
                self.facts.sinks.get(idx).is_some_and(|s| {
                    s.kind == SinkKind::Mutation
                        && !s.client_input
                        && s.unauthorized_keys.is_empty()
                        && s.admin_only.is_none()
                })
            })
            .collect()
    }
}

impl<'g, 'a> Walker<'g, 'a> {
    /// Whether a read of `model` may return unpublished rows: the project's schema gives the
    /// model a publication state (`published`, `isDraft`) and no key of the read asks for it.
    pub(super) fn may_return_drafts(
        &self,
        model: Option<&str>,
        keys: &[(Option<String>, Value<'a>)],
    ) -> bool {
        let Some(model) = model else { return false };
        let stateful = self
            .graph
            .data_models()
            .is_some_and(|models| models.has_publication_state(model));
        stateful
            && !keys.iter().any(|(col, v)| {
                col.as_deref()
                    .is_some_and(names::is_publication_state_field)
                    && !v.is_tainted()
            })
    }
}

/// Whether a Prisma read's `select` and `include` show only what a public page shows: no secret
/// or contact column, no relation of private activity (`bookmarks`, `likes`), and of a person
/// (`user`, `author`) only public profile fields. A shape the walker cannot see (a variable of
/// unknown content) is not known to be public. `_count` tallies are public.
pub(super) fn shows_only_public_fields(arg: &Value<'_>) -> bool {
    ["include", prisma::SELECT_FIELD].into_iter().all(|k| {
        arg.field(k)
            .is_none_or(|shape| public_shape(shape, false, 0))
    })
}

fn public_shape(shape: &Value<'_>, person: bool, depth: u32) -> bool {
    let Some(fields) = shape.fields.as_deref() else {
        return false;
    };
    depth < 6
        && fields.iter().all(|(key, v)| {
            if key == "_count" {
                return true;
            }
            if key.starts_with("...") || key.starts_with('[') || names::is_secret_field(key) {
                return false;
            }
            if names::is_private_activity_relation(key) {
                return false;
            }
            let nested_person = names::is_person_relation(key);
            match v.fields.as_deref() {
                // `author: { select: { name: true } }`, `comments: { where: .., select: .. }`.
                Some(_) => match v.field(prisma::SELECT_FIELD) {
                    Some(sel) => public_shape(sel, nested_person, depth + 1),
                    // `include: { author: { include: .. } }` or only a `where`: the whole row.
                    None => {
                        !nested_person
                            && v.field("include")
                                .is_none_or(|inc| public_shape(inc, false, depth + 1))
                    }
                },
                // `name: true`; `author: true` is the whole account row.
                None if person => names::is_public_profile_field(key),
                None => !nested_person,
            }
        })
}
