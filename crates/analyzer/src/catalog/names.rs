//! Naming conventions the analyzer relies on when a definition is not available.

/// The name a value spread into a top-level argument object gets among a call's fields
/// (`send({ from, ...input })`): it may set any of the object's fields.
pub const SPREAD: &str = "...";

/// Folded names that hold the acting user's id, as a column or a value (`userId`,
/// `author_id`, `createdBy`).
const ACTOR_ID_NAMES: &[&str] = &[
    "userid",
    "authorid",
    "ownerid",
    "createdby",
    "createdbyid",
    "creatorid",
    "uid",
    "senderid",
    "fromuserid",
    "requesterid",
    "actorid",
];

/// How the owner column is usually spelt, the most common first: a fix looks for one the file
/// already scopes by.
pub const OWNER_COLUMN_SPELLINGS: [&str; 7] = [
    "authorId",
    "userId",
    "ownerId",
    "createdById",
    "user_id",
    "author_id",
    "owner_id",
];

/// Column or variable names that hold the *owner* (actor) of a record.
pub fn is_owner_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        ACTOR_ID_NAMES.contains(&n)
            || matches!(n, "updatedby" | "deletedby" | "owner" | "author" | "user")
    })
}

/// Names that hold the actor's user id when they come from the client (`userId`, `authorId`...).
pub fn is_actor_id_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        ACTOR_ID_NAMES.contains(&n) || n == "currentuserid"
    })
}

/// Names of role / permission values (`role`, `isAdmin`, `permissions`...).
pub fn is_role_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        n.contains("role")
            || n.contains("permission")
            || matches!(
                n,
                "isadmin"
                    | "admin"
                    | "issuperadmin"
                    | "superadmin"
                    | "issuperuser"
                    | "isstaff"
                    | "ismoderator"
                    | "scopes"
                    | "accesslevel"
            )
    })
}

/// Calls that test a role or permission and return a boolean (`has({ role })`, `can(..)`).
pub fn is_role_check_call(last: &str) -> bool {
    crate::catalog::fold::with_folded(last, b"", |n| {
        matches!(
            n,
            "has"
                | "can"
                | "cannot"
                | "hasrole"
                | "haspermission"
                | "checkrole"
                | "checkpermission"
                | "isadmin"
                | "issuperadmin"
                | "ismoderator"
                | "isowner"
                | "hasaccess"
                | "canaccess"
                | "authorize"
                | "userhaspermission"
                | "haspermissions"
                | "hasroles"
                | "isallowed"
                | "checkaccess"
                | "ismember"
                | "isteammember"
                | "isorgmember"
                | "ismemberof"
        )
    })
}

/// Prisma/ORM model names whose rows are user accounts or roles: mutating them by a client id is
/// an admin-only operation.
pub fn is_user_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"", |m| {
        matches!(
            m,
            "user"
                | "users"
                | "account"
                | "accounts"
                | "profile"
                | "profiles"
                | "member"
                | "members"
                | "role"
                | "roles"
                | "userrole"
                | "userroles"
        )
    })
}

/// Columns that hold someone's secret, contact or personal data (`passwordHash`, `apiToken`,
/// `email`, `phone`, `dateOfBirth`): a table with one belongs to someone.
pub fn is_secret_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        [
            "password", "secret", "token", "email", "phone", "apikey", "hash", "birth", "address",
            "ssn", "salary", "iban", "diagnos",
        ]
        .iter()
        .any(|w| n.contains(w))
    })
}

/// Columns that hold an account's password or its hash (`password`, `hashedPassword`,
/// `password_hash`).
pub fn is_password_column(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| n.contains("password"))
}

/// Columns that hold a secret the app sent someone to present back (`code`, `otp`,
/// `verificationCode`, `token`, `inviteSecret`, `pin`, a page's `password`, or its hash,
/// `passcodeHash`): a caller who
/// presents an equal value holds that record's secret. Not `zipCode`, `promoCode` and other codes anyone can know.
pub fn is_stored_secret_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        // Stored as a hash (`passcodeHash`, `codeHash`, `hashedToken`): the same secret.
        let n = n
            .strip_suffix("hash")
            .or_else(|| n.strip_suffix("digest"))
            .or_else(|| n.strip_prefix("hashed"))
            .unwrap_or(n);
        matches!(n, "code" | "otp" | "pin" | "passcode" | "pincode")
            || n.ends_with("verificationcode")
            || n.ends_with("otpcode")
            || n.ends_with("token")
            || n.ends_with("secret")
            || n.ends_with("password")
            || n.ends_with("passphrase")
    })
}

/// A column that holds another record's id (`cartId`, `list_id`, `projectId`): a foreign key,
/// where a storage `key` or a `url` names an object instead.
pub fn is_foreign_key_column(column: &str) -> bool {
    column.len() > 2 && (column.ends_with("Id") || column.ends_with("_id"))
}

/// Functions that make a new unique id (`createId`, `randomUUID`, `nanoid`, `cuid`, `uuidv4`,
/// `ulid`): nobody can pick or guess the value they return.
pub fn makes_fresh_id(name: &str) -> bool {
    matches!(
        name,
        "createId"
            | "randomUUID"
            | "nanoid"
            | "cuid"
            | "cuid2"
            | "uuid"
            | "uuidv4"
            | "v4"
            | "ulid"
            | "generateId"
            | "createCuid"
    )
}

/// Tables of one-time secrets the app mails to an address (`verificationToken`,
/// `passwordResetToken`, `twoFactorToken`, `emailVerificationCode`, `magicLink`): a row says
/// "whoever reads this mailbox may confirm". Not the API or access tokens a user keeps.
pub fn is_mailed_secret_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_-", |m| {
        let secret = m.ends_with("token")
            || m.ends_with("tokens")
            || m.ends_with("code")
            || m.ends_with("codes")
            || m.ends_with("link")
            || m.ends_with("links");
        let mailed = [
            "verification",
            "verify",
            "reset",
            "twofactor",
            "confirmation",
            "magic",
            "otp",
        ]
        .iter()
        .any(|w| m.contains(w));
        secret && mailed
    })
}

/// Columns that hold a phone number (`phone`, `phoneNumber`, `mobile`): where a one-time code
/// is texted, as an address is where one is mailed.
pub fn is_phone_column(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| n.contains("phone") || n == "mobile")
}

/// Columns that hold a short one-time code (`code`, `otp`, `tokenCode`, `verificationCode`,
/// `pin`): a secret only in a table of mailed secrets (see [`is_mailed_secret_model`]).
pub fn is_one_time_code_column(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        n.ends_with("code") || n.ends_with("otp") || n == "pin"
    })
}

/// Columns that hold a secret the app sent someone by mail or link, to be typed or clicked back
/// (`token`, `inviteToken`, `resetTokenHash`, `verificationToken`): a row selected by one is the
/// row of whoever holds the secret (SPEC §3: invitations, email changes, sign-in links). Not a
/// short `code`, which may be a coupon or an order number anyone can guess, and not the access
/// or refresh token of an integration, a stored credential rather than a link.
pub fn is_secret_link_column(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        // A code named for what it proves (`verificationCode`, `confirmationCode`) is such a
        // secret too, wherever it is stored.
        (n.ends_with("token")
            || n.ends_with("tokenhash")
            || n.ends_with("verificationcode")
            || n.ends_with("confirmationcode"))
            && !["accesstoken", "refreshtoken", "apitoken", "idtoken"]
                .iter()
                .any(|credential| n.ends_with(credential))
    })
}

/// A column that says whose a row is: an owner (`userId`, `authorId`), a tenant (`teamId`), or
/// a secret or personal datum (see [`is_secret_field`]).
pub fn names_an_owner(column: &str) -> bool {
    is_owner_field(column) || is_tenant_column(column) || is_secret_field(column)
}

/// Role names that grant privileges (`admin`, `org:admin`, `OWNER`, `moderator`).
pub fn is_privileged_role(role: &str) -> bool {
    // Roles that run the app or act for its users (`admin`, `org:admin`, `support agent`). A
    // customer-facing role (`seller`, `author`, `pro`) is not a privilege over others' records.
    crate::catalog::fold::with_folded(role, b"", |r| {
        [
            "admin",
            "owner",
            "moderator",
            "staff",
            "superuser",
            "super_admin",
            "root",
            "manager",
            "editor",
            "maintainer",
            "support",
            "agent",
            "operator",
        ]
        .iter()
        .any(|p| r.contains(p))
    })
}

/// Roles every signed-up account has (`user`, `member`, `customer`): a list of allowed roles
/// that names one gates nothing.
pub fn is_everyone_role(role: &str) -> bool {
    crate::catalog::fold::with_folded(role, b"_-", |r| {
        matches!(
            r,
            "user"
                | "users"
                | "member"
                | "members"
                | "customer"
                | "guest"
                | "viewer"
                | "basic"
                | "free"
                | "default"
                | "authenticated"
        )
    })
}

/// Models that hold accounts, whose public profile fields anyone may read.
pub fn is_account_model(model: Option<&str>) -> bool {
    model.is_some_and(|model| {
        matches!(
            model.to_ascii_lowercase().as_str(),
            "user" | "users" | "profile" | "profiles"
        )
    })
}

/// `deleteOrganizationMembership`, `removeMember`, `updateUserRole`: operations on other users.
pub fn mentions_members(op: &str) -> bool {
    let op = op.to_ascii_lowercase();
    (op.contains("member") || op.contains("user") || op.contains("role"))
        && !op.starts_with("create")
        && !op.starts_with("insert")
}

/// Columns that count a shop's items in stock (`stock`, `inventory`, `quantityInStock`,
/// `unitsInStock`, `availableQuantity`).
pub fn is_stock_column(column: &str) -> bool {
    crate::catalog::fold::with_folded(column, b"_", |c| {
        matches!(
            c,
            "stock"
                | "instock"
                | "stockcount"
                | "stockquantity"
                | "stocklevel"
                | "inventory"
                | "inventorycount"
                | "quantityinstock"
                | "unitsinstock"
                | "availablequantity"
                | "quantityavailable"
                | "availablestock"
        )
    })
}

/// Columns that tally what visitors do (`viewCount`, `participantCount`, `downloads`, `likes`,
/// `favoriteCount`, `commentCount`):
/// counting one more changes nothing anybody owns. A named list: `seatCount`, `usageCount` or
/// `failedLoginCount` are limits and security state, not tallies.
pub fn is_counter_column(column: &str) -> bool {
    crate::catalog::fold::with_folded(column, b"_", |c| {
        let tally = c.strip_suffix("count").unwrap_or(c);
        matches!(
            tally,
            "view"
                | "views"
                | "click"
                | "clicks"
                | "download"
                | "downloads"
                | "play"
                | "plays"
                | "visit"
                | "visits"
                | "hit"
                | "hits"
                | "impression"
                | "impressions"
                | "participant"
                | "participants"
                | "share"
                | "shares"
                | "open"
                | "opens"
                | "like"
                | "likes"
                | "favorite"
                | "favorites"
                | "save"
                | "saves"
                | "saved"
                | "liked"
                | "favorited"
                | "bookmarked"
                | "viewed"
                | "played"
                | "downloaded"
                | "shared"
                | "clicked"
                | "bookmark"
                | "bookmarks"
                | "upvote"
                | "upvotes"
                | "downvote"
                | "downvotes"
                | "vote"
                | "votes"
                | "star"
                | "stars"
                | "follower"
                | "followers"
                | "comment"
                | "comments"
                | "reply"
                | "replies"
                | "review"
                | "reviews"
        )
    })
}

/// Models whose rows say who belongs to a scope (`stage_memberships`, `TeamMember`,
/// `ProjectCollaborator`): a new row's user is the member being added.
pub fn is_membership_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_", |m| {
        ["member", "collaborator", "participant"]
            .iter()
            .any(|word| m.contains(word))
    })
}

/// Models that hold global settings: any change is admin-only.
pub fn is_global_settings_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_", |m| {
        matches!(
            m,
            "setting"
                | "settings"
                | "sitesettings"
                | "sitesetting"
                | "config"
                | "siteconfig"
                | "appconfig"
                | "featureflag"
                | "featureflags"
                | "globalsettings"
                | "systemsettings"
        )
    })
}

/// Data fields that grant privileges: writing them is admin-only.
pub fn is_privilege_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "role"
                | "roles"
                | "isadmin"
                | "admin"
                | "issuperadmin"
                | "superadmin"
                | "permissions"
                | "issuperuser"
                | "isstaff"
                | "ismoderator"
                | "banned"
                | "isbanned"
                | "verified"
                | "isverified"
                | "plan"
                | "tier"
                | "credits"
                | "balance"
        )
    })
}

/// Verbs that are admin-only on their own (`banUser`, `impersonate`, `grantRole`).
pub fn is_admin_verb(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"", |n| {
        [
            "ban",
            "unban",
            "impersonate",
            "grant",
            "revoke",
            "setrole",
            "changerole",
            "updaterole",
            "promote",
            "demote",
            "suspend",
        ]
        .iter()
        .any(|v| n.starts_with(v))
    })
}

/// Field names that make a read public by design (`published: true`), folded (lower case, no
/// `_`), and whether the word also counts when a condition's text merely mentions it (short
/// words like `public` or `listed` would match too much there).
const PUBLIC_MARKERS: [(&str, bool); 9] = [
    ("published", true),
    ("ispublished", false),
    ("public", false),
    ("ispublic", true),
    ("visibility", true),
    ("isavailable", false),
    ("available", false),
    ("listed", false),
    ("islisted", false),
];

/// Columns that say whether a row is out for everyone yet (`published`, `publishedAt`,
/// `isDraft`, `status`, `visibility`).
pub fn is_publication_state_field(name: &str) -> bool {
    is_public_marker_field(name)
        || crate::catalog::fold::with_folded(name, b"_", |n| {
            n.starts_with("published") || matches!(n, "draft" | "isdraft" | "status" | "state")
        })
}

/// Fields in a `where` that make a read public by design (`published: true`).
pub fn is_public_marker_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        PUBLIC_MARKERS.iter().any(|(word, _)| *word == n)
    })
}

/// Whether a condition's source text mentions a public marker (`eq(posts.publishedAt, ..)`,
/// `.eq("is_public", true)`), however the column is spelt.
pub fn mentions_public_marker(text: &str) -> bool {
    let text: String = text
        .chars()
        .filter(|c| *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    PUBLIC_MARKERS
        .iter()
        .any(|(word, in_text)| *in_text && text.contains(word))
}

/// Column names that hold a tenant (`orgId`, `team_id`, `workspaceId`): the caller's own id
/// there selects a shared space, not the caller's own rows.
pub fn is_tenant_column(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [
        "org",
        "team",
        "workspace",
        "tenant",
        "company",
        "project",
        "account",
    ]
    .iter()
    .any(|w| name.contains(w))
}

/// Models that are public by nature (catalogues, pricing, published content).
pub fn is_public_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"", |m| {
        matches!(
            m,
            "product"
                | "products"
                | "catalog"
                | "catalogue"
                | "plan"
                | "plans"
                | "price"
                | "prices"
                | "pricing"
                | "faq"
                | "faqs"
                | "slot"
                | "slots"
                | "availability"
                | "country"
                | "countries"
                | "category"
                | "categories"
                | "tag"
                | "tags"
                | "publishedpost"
                | "publishedposts"
        )
    })
}

/// Models of what people publish for everyone in social, publishing and Q&A apps (posts,
/// comments, follows between profiles, questions and answers, reviews): SPEC §1 counts published posts as public by nature. What such a
/// read pulls in with it is judged on its own (see [`is_private_activity_relation`]).
pub fn is_published_content_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_", |m| {
        matches!(
            m,
            "post"
                | "posts"
                | "comment"
                | "comments"
                | "reply"
                | "replies"
                | "article"
                | "articles"
                | "follow"
                | "follows"
                | "question"
                | "questions"
                | "answer"
                | "answers"
                | "review"
                | "reviews"
        )
    })
}

/// Relations that hold one person's private activity or affairs (`bookmarks`, `likes`,
/// `savedPosts`, `messages`, `orders`): pulled into a read of public content, they make it a
/// read of someone's data.
pub fn is_private_activity_relation(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "like" | "likes" | "likedby" | "save" | "saves" | "vote" | "votes"
        ) || [
            "bookmark",
            "saved",
            "message",
            "notification",
            "order",
            "payment",
            "purchase",
            "subscription",
            "session",
            "account",
            "draft",
        ]
        .iter()
        .any(|w| n.contains(w))
    })
}

/// Relations that lead to a person (`user`, `author`, `follower`): of those, a public read may
/// show only the public profile fields.
pub fn is_person_relation(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "user"
                | "author"
                | "owner"
                | "creator"
                | "poster"
                | "follower"
                | "followee"
                | "following"
                | "profile"
                | "sender"
                | "recipient"
                | "member"
        )
    })
}

/// Words that name access to something, in permission predicates and access-check helpers.
const ACCESS_WORDS: [&str; 8] = [
    "owner",
    "owns",
    "access",
    "permission",
    "member",
    "allowed",
    "authorized",
    "editor",
];

/// Names of permission predicates: functions that answer whether the caller may act on
/// something (`canEditPost`, `userCanAccess`, `isOwner`, `hasAccess`, `isTeamMember`,
/// `hasPermission`, `mayDelete`, `checkAccess`, `isCommunityAdmin`).
pub fn is_permission_predicate(name: &str) -> bool {
    let starts_with_word = |prefix: &str| {
        name.strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    };
    // `userCan(capability, scope, user)` on its own, or with a word after (`userCanEdit`).
    let whole_word = |w: &str| ["userCan", "canUser", "userMay"].contains(&w);
    if whole_word(name)
        || ["can", "may", "userCan", "canUser", "userMay"]
            .iter()
            .any(|p| starts_with_word(p))
    {
        return true;
    }
    crate::catalog::fold::with_folded(name, b"_", |n| {
        let predicate = ["is", "has", "check", "user", "verify"]
            .iter()
            .any(|p| n.starts_with(p));
        predicate
            && ACCESS_WORDS
                .iter()
                .chain(&["canedit", "canview", "canmanage", "admin"])
                .any(|w| n.contains(w))
    })
}

/// A permission predicate that only asks whether the caller belongs to something
/// (`isTeamMember`, `isMemberOf`), not what the caller may do there (`userCan`, `canManage`,
/// `isCommunityAdmin`).
pub fn is_membership_predicate(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| n.contains("member"))
}

/// Fields a public profile card shows to anyone (`username`, `name`, `bio`, `image`): a read of
/// a user that selects only these returns nothing private.
pub fn is_public_profile_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "id" | "name"
                | "username"
                | "displayname"
                | "handle"
                | "bio"
                | "image"
                | "imageurl"
                | "avatar"
                | "avatarurl"
                | "picture"
                | "title"
                | "slug"
                | "createdat"
                | "website"
                | "headline"
        )
    })
}

/// Columns that name a profile publicly (`username`, `handle`, `slug`): anyone may look an
/// account up by one (a profile page, a "username taken?" check).
pub fn is_public_handle_field(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "username" | "handle" | "slug" | "login" | "nickname" | "screenname"
        )
    })
}

/// Cookie names that hold the caller's id in clear (`user_id`, `customerId`, `uid`): reading one
/// as the caller is identity nobody verified.
pub fn is_identity_cookie(key: &str) -> bool {
    crate::catalog::fold::with_folded(key, b"_-", |k| {
        matches!(
            k,
            "user" | "uid" | "sub" | "email" | "useremail" | "username"
        ) || (k.ends_with("id")
            && [
                "user", "customer", "member", "account", "owner", "author", "player",
            ]
            .iter()
            .any(|w| k.contains(w)))
    })
}

/// Cookie names that hold a session token (`session`, `token`, `auth`, `jwt`, `access_token`).
pub fn is_token_cookie(key: &str) -> bool {
    crate::catalog::fold::with_folded(key, b"_-", |k| {
        ["session", "token", "jwt", "auth"]
            .iter()
            .any(|w| k.contains(w))
    })
}

/// Request headers that carry a credential (`Authorization`, `x-api-key`, `api-key`,
/// `x-auth-token`).
pub fn is_credential_header(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_-", |n| {
        matches!(
            n,
            "authorization" | "xapikey" | "apikey" | "xauthtoken" | "xaccesstoken" | "xapitoken"
        )
    })
}

/// Tables of a project's API keys (`keys`, `apiKey`, `api_tokens`, `accessKeys`).
pub fn is_api_key_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_-", |m| {
        matches!(
            m,
            "key"
                | "keys"
                | "apikey"
                | "apikeys"
                | "apitoken"
                | "apitokens"
                | "accesskey"
                | "accesskeys"
        )
    })
}

/// Tables of a project's own session store (`session`, `sessions`, `userSession`,
/// `auth_sessions`).
pub fn is_session_model(model: &str) -> bool {
    crate::catalog::fold::with_folded(model, b"_-", |m| {
        matches!(
            m,
            "session"
                | "sessions"
                | "usersession"
                | "usersessions"
                | "authsession"
                | "authsessions"
        )
    })
}

/// Cookie names that hold the id of the caller's own anonymous record (`cartId`, `basket`,
/// `guest_id`): a random id the server set, which selects only that visitor's cart.
pub fn is_anonymous_owner_cookie(key: &str) -> bool {
    crate::catalog::fold::with_folded(key, b"_-", |k| {
        ["cart", "basket", "guest", "anon", "visitor", "checkout"]
            .iter()
            .any(|w| k.contains(w))
    })
}

/// Parameter names a wrapper fills with the caller (`user`, `session`, `ctx`, `currentUser`).
pub fn is_session_param_name(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        matches!(
            n,
            "user"
                | "session"
                | "ctx"
                | "currentuser"
                | "viewer"
                | "me"
                | "auth"
                | "authuser"
                | "sessionuser"
        )
    })
}

/// A check helper named for access to something (`assertCanEdit`, `requireTeamMember`,
/// `ensureProjectAccess`, `verifyOwnership`), rather than for a value (`assertIsString`).
pub fn names_an_access_check(name: &str) -> bool {
    crate::catalog::fold::with_folded(name, b"_", |n| {
        ACCESS_WORDS
            .iter()
            .chain(&["can", "team", "org", "workspace", "project"])
            .any(|w| n.contains(w))
    })
}

/// Action names of flows that are public by design: sign-in, sign-up, sign-out, password
/// recovery, contact, newsletter, waitlist and guestbook forms (`signIn`, `handleSignIn`,
/// `loginAction`, `submitContactForm`, `signGuestbook`).
pub fn is_public_action_name(name: &str) -> bool {
    super::fold::with_folded(name, b"_-", |n| {
        const PUBLIC: &[&str] = &[
            "signin",
            "signup",
            "login",
            "logout",
            "signout",
            "register",
            "forgotpassword",
            "resetpassword",
            "requestpasswordreset",
            "verifyemail",
            "sendmagiclink",
            "magiclink",
            "contact",
            "newsletter",
            "subscribe",
            "waitlist",
            "joinwaitlist",
            "feedback",
            "guestbook",
            "authenticate",
            "requestaccess",
        ];
        // `updateContact`, `deleteFeedback`, `listNewsletters`: managing the records a public
        // form leaves behind (a CRM's contacts, the feedback inbox) is no public flow.
        const MANAGES: &[&str] = &[
            "update", "delete", "remove", "edit", "archive", "restore", "approve", "reject",
            "assign", "merge", "export", "import", "get", "list", "fetch", "toggle", "move", "set",
            "change", "clear", "purge", "ban", "destroy",
        ];
        if MANAGES.iter().any(|verb| n.starts_with(verb)) {
            return false;
        }
        // `signIn`, `handleSignIn`, `loginAction`, `submitContactForm` — without building strings.
        let bytes = n.as_bytes();
        // Inside a longer name only before `action` or after `submit`.
        let may_be_inside = n.contains("action") || n.contains("submit");
        let inside = |p: &str| {
            if !may_be_inside {
                return false;
            }
            let p = p.as_bytes();
            (0..bytes.len().saturating_sub(p.len()) + 1).any(|i| {
                bytes[i..].starts_with(p)
                    && (bytes[i + p.len()..].starts_with(b"action")
                        || bytes[..i].ends_with(b"submit"))
            })
        };
        // `registerPatient`, `registerDoctor`: a record registered, not a sign-up. Only the
        // caller's own registration (`register`, `registerUser`, `registerAccount`) is one.
        if let Some(rest) = n.strip_prefix("register") {
            const OWN: &[&str] = &["", "user", "account", "me", "action", "form", "submit"];
            if !OWN.contains(&rest) && !rest.starts_with("with") {
                return PUBLIC
                    .iter()
                    .filter(|p| **p != "register")
                    .any(|p| n.ends_with(p) || inside(p));
            }
        }
        PUBLIC
            .iter()
            .any(|p| n.starts_with(p) || n.ends_with(p) || inside(p))
    })
}

/// Action names that say nothing of what the action does (`handleSubmit`, `formAction`): such
/// an inline action is the form of the component that hosts it.
pub fn is_generic_action_name(name: &str) -> bool {
    super::fold::with_folded(name, b"_-", |n| {
        const GENERIC: &[&str] = &[
            "action",
            "formaction",
            "handleaction",
            "serveraction",
            "onaction",
            "submit",
            "onsubmit",
            "handlesubmit",
            "submitform",
            "handleform",
            "handleformsubmit",
            "submitaction",
        ];
        GENERIC.contains(&n)
    })
}

/// Component names of sign-in, sign-up and password-recovery pages (`LoginPage`,
/// `ResetPasswordForm`, `CustomerLogin`): the page's purpose is its last word once a `Page`,
/// `Form`, `Screen`, `View` or `Route` suffix is dropped.
pub fn is_auth_page_name(host: &str) -> bool {
    super::fold::with_folded(host, b"_-", |n| {
        const AUTH_PAGES: &[&str] = &[
            "signin",
            "signup",
            "login",
            "register",
            "forgotpassword",
            "resetpassword",
            "recoverpassword",
            "passwordreset",
            "passwordrecovery",
        ];
        // `LoginPage`, `ResetPasswordForm`, `CustomerLogin`: the page's purpose is its last word.
        let mut n = n;
        while let Some(rest) = ["page", "form", "screen", "view", "route"]
            .iter()
            .find_map(|s| n.strip_suffix(s))
            .filter(|r| !r.is_empty())
        {
            n = rest;
        }
        AUTH_PAGES.iter().any(|p| n.ends_with(p))
            && !n.ends_with("unregister")
            && !n.ends_with("deregister")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registering_a_record_is_no_sign_up() {
        assert!(is_public_action_name("register"));
        assert!(is_public_action_name("registerUser"));
        assert!(is_public_action_name("handleRegister"));
        assert!(is_public_action_name("registerWithEmail"));
        assert!(!is_public_action_name("registerPatient"));
        assert!(!is_public_action_name("RegisterConsultation"));
    }

    #[test]
    fn a_role_list_naming_everyone_gates_nothing() {
        assert!(is_everyone_role("member"));
        assert!(is_everyone_role("User"));
        assert!(!is_everyone_role("treasurer"));
        assert!(!is_everyone_role("admin"));
    }

    #[test]
    fn mailed_secrets_are_not_kept_credentials() {
        assert!(is_mailed_secret_model("passwordResetToken"));
        assert!(is_mailed_secret_model("verification_tokens"));
        assert!(is_mailed_secret_model("twoFactorCode"));
        assert!(!is_mailed_secret_model("apiToken"));
        assert!(!is_mailed_secret_model("accessTokens"));
    }
}
