-- Webhook security (issue 15: Shopify compliance webhooks, provider callbacks).

-- When the shop uninstalled the app (Shopify app/uninstalled; null while installed). shop/redact erases
-- only a shop that has uninstalled.
alter table shop add column uninstalled_at timestamptz;

-- The shop's reference in provider callback URLs (/v1/webhooks/twilio/{callback_ref}): names the one shop
-- whose Twilio token is to check the signature with. 122 random bits (gen_random_uuid, PostgreSQL 13+):
-- not guessable, so nobody can make the API unseal a shop's token by naming it.
alter table shop add column callback_ref varchar(64) not null default replace(gen_random_uuid()::text, '-', '');
create unique index shop_callback_ref_uq on shop (callback_ref);

-- Shopify compliance deliveries already handled (or being handled). Shopify repeats a delivery with the same
-- X-Shopify-Webhook-Id; the same signed body (same shop row) is a replay even under another id, since the
-- headers are not covered by the HMAC. No foreign key: the row must outlive shop/redact. Kept 30 days.
create table shopify_webhook_delivery (
    webhook_id    varchar(255)  primary key,
    topic         varchar(40)   not null,
    shop_domain   varchar(255)  not null,
    shop_id       bigint,
    body_sha256   char(64)      not null,
    status        varchar(12)   not null check (status in ('PROCESSING', 'DONE')),
    received_at   timestamptz   not null default now(),
    finished_at   timestamptz
);
create unique index shopify_webhook_delivery_body_uq on shopify_webhook_delivery (shop_id, topic, body_sha256);
create index shopify_webhook_delivery_received_idx on shopify_webhook_delivery (received_at);

-- Inbound provider messages already applied (Twilio MessageSid): a replayed STOP / START / button reply
-- changes nothing. Twilio's signature carries no time, so a captured post stays valid: kept with the shop.
create table inbound_message (
    provider      varchar(20)   not null,
    message_sid   varchar(64)   not null,
    shop_id       bigint        not null references shop (id) on delete cascade,
    received_at   timestamptz   not null default now(),
    primary key (provider, message_sid)
);

-- Callbacks refused for a bad signature, per shop and fixed window: over the limit, the API stops
-- unsealing that shop's token for callbacks until the window ends.
create table webhook_refusal_window (
    shop_id       bigint       not null references shop (id) on delete cascade,
    window_start  timestamptz  not null,
    refusals      integer      not null,
    primary key (shop_id, window_start)
);
