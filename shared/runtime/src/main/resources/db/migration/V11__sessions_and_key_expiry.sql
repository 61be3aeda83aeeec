-- Sessions, keys, roles (issue 15 §6; functions/api README "Who may call").

-- The Shopify user who owns the shop (the `sub` of their session tokens). Shopify's session token does
-- not say whether its user is the account owner; only the token exchange's online access token does
-- (`associated_user.account_owner`), so the install flow fills this in. Until then it is null and every
-- Shopify session of the shop is STAFF, never OWNER.
alter table shop add column owner_user_id varchar(64);

-- API keys expire (default 90 days after creation, renewable by the owner). Keys that exist now keep
-- working for 90 days from this migration: `now()` is evaluated once, for every existing row.
alter table api_key add column expires_at timestamptz not null default (now() + interval '90 days');

-- The pages' sign-in sessions, held server-side so that signing out ends them. The cookie holds only a
-- random 256-bit token; this table holds its SHA-256, never the token itself.
create table ui_session (
    token_hash       char(64)     primary key,
    shop_id          bigint       not null references shop (id) on delete cascade,
    api_key_id       bigint       references api_key (id) on delete cascade,
    shopify_user_id  varchar(64),
    role             varchar(10)  not null check (role in ('OWNER', 'STAFF', 'VIEWER')),
    created_at       timestamptz  not null default now(),
    expires_at       timestamptz  not null,
    revoked_at       timestamptz,
    check (api_key_id is not null or shopify_user_id is not null)
);
create index ui_session_expires_idx on ui_session (expires_at);

-- Rate limit per caller as well as per shop: the shop's own counter is the row with caller '' (the rows
-- that exist now), each API key or Shopify user counts in a row of its own ('key:17', 'user:42').
alter table api_rate_window add column caller varchar(80) not null default '';
alter table api_rate_window drop constraint api_rate_window_pkey;
alter table api_rate_window add primary key (shop_id, caller, window_start);
