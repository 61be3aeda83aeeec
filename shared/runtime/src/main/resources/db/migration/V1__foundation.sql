-- GST Comms foundation schema.
-- JSON objects are jsonb; lists of strings are text[] (Hibernate Reactive binds JSON as objects only).
-- Conventions: every tenant-owned row carries shop_id and every query filters by it; money is
-- exact, in paise (bigint, *_paise); rates are numeric percentages; times are timestamptz.
-- Ids come from per-table sequences with increment 50 (Hibernate's pooled optimiser default,
-- which PanacheEntity uses).

create table shop (
    id                          bigint primary key,
    shop_domain                 varchar(255) not null unique,
    legal_name                  varchar(255),
    trade_name                  varchar(255),
    address_line1               varchar(255),
    address_line2               varchar(255),
    city                        varchar(120),
    state_code                  char(2),
    pin                         char(6),
    gstin                       char(15),
    email                       varchar(320),
    phone                       varchar(20),
    upi_id                      varchar(100),
    logo_key                    varchar(1024),
    prices_include_tax          boolean      not null default true,
    invoice_prefix              varchar(10)  not null default 'INV',
    whatsapp_fallback_to_email  boolean      not null default false,
    settings                    jsonb        not null default '{}'::jsonb,
    created_at                  timestamptz  not null default now(),
    updated_at                  timestamptz  not null default now()
);
create sequence shop_seq start with 1 increment by 50;

-- Provider settings per shop. The secret is sealed (AES-GCM envelope): ciphertext plus the data
-- key wrapped by the master key. Non-secret settings (SMTP host, Twilio SID, sender) are plain.
create table shop_credential (
    id                  bigint primary key,
    shop_id             bigint       not null references shop (id) on delete cascade,
    provider            varchar(20)  not null check (provider in ('SENDGRID', 'SMTP', 'TWILIO')),
    settings            jsonb        not null default '{}'::jsonb,
    secret_ciphertext   bytea,
    secret_wrapped_key  bytea,
    secret_key_ref      varchar(255),
    secret_hint         varchar(40),
    status              varchar(20)  not null default 'UNKNOWN',
    last_checked_at     timestamptz,
    last_error          varchar(1000),
    updated_at          timestamptz  not null default now(),
    unique (shop_id, provider)
);
create sequence shop_credential_seq start with 1 increment by 50;

create table api_key (
    id            bigint primary key,
    shop_id       bigint       not null references shop (id) on delete cascade,
    name          varchar(100) not null,
    key_prefix    varchar(16)  not null,
    key_hash      char(64)     not null unique,
    role          varchar(10)  not null check (role in ('OWNER', 'STAFF', 'VIEWER')),
    created_by    varchar(255),
    created_at    timestamptz  not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create sequence api_key_seq start with 1 increment by 50;
create index api_key_shop_idx on api_key (shop_id);

create table customer (
    id                        bigint primary key,
    shop_id                   bigint       not null references shop (id) on delete cascade,
    shopify_id                bigint,
    first_name                varchar(255),
    last_name                 varchar(255),
    email                     varchar(320),
    phone                     varchar(20),
    company                   varchar(255),
    gstin                     char(15),
    address1                  varchar(255),
    address2                  varchar(255),
    city                      varchar(120),
    state_code                char(2),
    pin                       varchar(10),
    country_code              char(2),
    tags                      text[]       not null default '{}',
    email_opt_in              boolean      not null default false,
    whatsapp_opt_in           boolean      not null default false,
    whatsapp_opt_in_at        timestamptz,
    last_inbound_whatsapp_at  timestamptz,
    locale                    varchar(10)  not null default 'en',
    created_at                timestamptz  not null default now(),
    updated_at                timestamptz  not null default now()
);
create sequence customer_seq start with 1 increment by 50;
create unique index customer_shopify_id_uq on customer (shop_id, shopify_id) where shopify_id is not null;
create unique index customer_email_uq on customer (shop_id, lower(email)) where email is not null;
create index customer_phone_idx on customer (shop_id, phone);
create index customer_tags_idx on customer using gin (tags);

-- The shop's catalogue (SKU -> HSN/SAC and GST rate), used when orders are imported.
create table product (
    id          bigint primary key,
    shop_id     bigint        not null references shop (id) on delete cascade,
    sku         varchar(100)  not null,
    name        varchar(255)  not null,
    hsn_sac     varchar(8)    not null,
    gst_rate    numeric(5, 2) not null check (gst_rate >= 0 and gst_rate <= 100),
    cess_rate   numeric(5, 2) not null default 0,
    unit        varchar(10)   not null default 'NOS',
    created_at  timestamptz   not null default now(),
    updated_at  timestamptz   not null default now(),
    unique (shop_id, sku)
);
create sequence product_seq start with 1 increment by 50;

-- One invoice number series per shop, financial year and prefix. Allocation is an upsert that
-- takes the row lock, inside the transaction that inserts the invoice: concurrent issuers wait
-- for each other (no duplicates) and a rolled-back invoice gives its number back (no gaps).
create table invoice_series (
    shop_id         bigint       not null references shop (id) on delete cascade,
    financial_year  varchar(7)   not null,
    prefix          varchar(10)  not null,
    last_value      bigint       not null,
    primary key (shop_id, financial_year, prefix)
);

create table invoice (
    id                  bigint primary key,
    shop_id             bigint       not null references shop (id) on delete cascade,
    customer_id         bigint       references customer (id) on delete set null,
    number              varchar(16)  not null,
    financial_year      varchar(7)   not null,
    order_ref           varchar(64),
    issue_date          date         not null,
    due_date            date,
    supplier_state      char(2)      not null,
    place_of_supply     char(2)      not null,
    reverse_charge      boolean      not null default false,
    prices_include_tax  boolean      not null,
    recipient_name      varchar(255) not null,
    recipient_gstin     char(15),
    billing_address     text,
    shipping_address    text,
    taxable_paise       bigint       not null,
    cgst_paise          bigint       not null default 0,
    sgst_paise          bigint       not null default 0,
    igst_paise          bigint       not null default 0,
    cess_paise          bigint       not null default 0,
    round_off_paise     bigint       not null default 0,
    grand_total_paise   bigint       not null,
    amount_paid_paise   bigint       not null default 0,
    amount_in_words     varchar(500),
    status              varchar(20)  not null check (status in
                          ('DRAFT', 'ISSUED', 'SENT', 'PARTIALLY_PAID', 'PAID', 'OVERDUE', 'CANCELLED')),
    pdf_key             varchar(1024),
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    unique (shop_id, financial_year, number)
);
create sequence invoice_seq start with 1 increment by 50;
create index invoice_shop_status_due_idx on invoice (shop_id, status, due_date);
create index invoice_shop_order_idx on invoice (shop_id, order_ref);
create index invoice_shop_customer_idx on invoice (shop_id, customer_id);
create index invoice_shop_issue_idx on invoice (shop_id, issue_date desc);

create table invoice_line (
    id                bigint primary key,
    shop_id           bigint        not null references shop (id) on delete cascade,
    invoice_id        bigint        not null references invoice (id) on delete cascade,
    line_no           integer       not null,
    description       varchar(500)  not null,
    hsn_sac           varchar(8)    not null,
    quantity          numeric(14, 3) not null,
    unit              varchar(10)   not null,
    unit_price_paise  bigint        not null,
    discount_paise    bigint        not null default 0,
    taxable_paise     bigint        not null,
    gst_rate          numeric(5, 2) not null,
    cgst_paise        bigint        not null default 0,
    sgst_paise        bigint        not null default 0,
    igst_paise        bigint        not null default 0,
    cess_rate         numeric(5, 2) not null default 0,
    cess_paise        bigint        not null default 0,
    total_paise       bigint        not null,
    unique (invoice_id, line_no)
);
create sequence invoice_line_seq start with 1 increment by 50;

create table shipment (
    id                bigint primary key,
    shop_id           bigint       not null references shop (id) on delete cascade,
    invoice_id        bigint       references invoice (id) on delete set null,
    order_ref         varchar(64)  not null,
    awb               varchar(40),
    courier           varchar(100),
    weight_grams      integer,
    from_address      text         not null,
    to_name           varchar(255) not null,
    to_address        text         not null,
    to_pin            varchar(10)  not null,
    to_phone          varchar(20),
    cod_amount_paise  bigint       not null default 0,
    status            varchar(20)  not null default 'CREATED',
    label_key         varchar(1024),
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now()
);
create sequence shipment_seq start with 1 increment by 50;
create index shipment_shop_order_idx on shipment (shop_id, order_ref);

-- Message templates: built-in rows have no shop; a shop's row overrides the built-in one.
-- Each edit is a new version; the highest active version is used.
create table template (
    id                    bigint primary key,
    shop_id               bigint       references shop (id) on delete cascade,
    channel               varchar(10)  not null check (channel in ('EMAIL', 'WHATSAPP')),
    kind                  varchar(40)  not null,
    locale                varchar(10)  not null,
    version               integer      not null,
    name                  varchar(100),
    subject               varchar(998),
    body_html             text,
    body_text             text,
    whatsapp_content_sid  varchar(34),
    variables             text[]       not null default '{}',
    active                boolean      not null default true,
    created_by            varchar(255),
    created_at            timestamptz  not null default now()
);
create sequence template_seq start with 1 increment by 50;
create unique index template_version_uq on template (coalesce(shop_id, 0), channel, kind, locale, version);

create table campaign (
    id                 bigint primary key,
    shop_id            bigint       not null references shop (id) on delete cascade,
    name               varchar(255) not null,
    channel            varchar(10)  not null check (channel in ('EMAIL', 'WHATSAPP', 'AUTO')),
    kind               varchar(40)  not null default 'CAMPAIGN',
    template_id        bigint       references template (id),
    audience           jsonb        not null default '{}'::jsonb,
    variables          jsonb        not null default '{}'::jsonb,
    status             varchar(20)  not null check (status in
                         ('DRAFT', 'SCHEDULED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED')),
    scheduled_at       timestamptz,
    started_at         timestamptz,
    completed_at       timestamptz,
    total              integer      not null default 0,
    queued             integer      not null default 0,
    sent               integer      not null default 0,
    failed             integer      not null default 0,
    bulk_operation_id  bigint,
    created_at         timestamptz  not null default now(),
    updated_at         timestamptz  not null default now()
);
create sequence campaign_seq start with 1 increment by 50;
create index campaign_shop_idx on campaign (shop_id, created_at desc);
create index campaign_due_idx on campaign (scheduled_at) where status = 'SCHEDULED';

-- The notification log: one row per message, claimed by a worker with a conditional update
-- (QUEUED -> SENDING with a lease) before the provider is called.
create table notification (
    id                   bigint primary key,
    shop_id              bigint        not null references shop (id) on delete cascade,
    customer_id          bigint        references customer (id) on delete set null,
    campaign_id          bigint        references campaign (id) on delete set null,
    invoice_id           bigint        references invoice (id) on delete set null,
    template_id          bigint        references template (id),
    channel              varchar(10)   not null check (channel in ('EMAIL', 'WHATSAPP')),
    kind                 varchar(40)   not null,
    locale               varchar(10)   not null default 'en',
    recipient            varchar(320)  not null,
    subject              varchar(998),
    variables            jsonb         not null default '{}'::jsonb,
    attachment_keys      text[]        not null default '{}',
    status               varchar(20)   not null check (status in
                           ('SCHEDULED', 'QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'OPENED', 'CLICKED', 'READ',
                            'FAILED', 'BOUNCED', 'UNDELIVERED', 'SUPPRESSED', 'CANCELLED')),
    bulk                 boolean       not null default false,
    idempotency_key      varchar(255)  not null,
    provider             varchar(20),
    provider_message_id  varchar(255),
    attempts             integer       not null default 0,
    lease_until          timestamptz,
    scheduled_at         timestamptz,
    queued_at            timestamptz,
    sent_at              timestamptz,
    delivered_at         timestamptz,
    opened_at            timestamptz,
    clicked_at           timestamptz,
    read_at              timestamptz,
    failed_at            timestamptz,
    error_code           varchar(40),
    error_message        varchar(1000),
    created_at           timestamptz   not null default now(),
    updated_at           timestamptz   not null default now(),
    unique (shop_id, idempotency_key)
);
create sequence notification_seq start with 1 increment by 50;
create index notification_shop_created_idx on notification (shop_id, created_at desc, id desc);
create index notification_shop_status_idx on notification (shop_id, status);
create index notification_campaign_idx on notification (campaign_id) where campaign_id is not null;
create index notification_customer_idx on notification (shop_id, customer_id);
create index notification_provider_msg_idx on notification (provider_message_id) where provider_message_id is not null;
create index notification_due_idx on notification (scheduled_at) where status = 'SCHEDULED';

create table notification_event (
    id                 bigint primary key,
    shop_id            bigint        not null references shop (id) on delete cascade,
    notification_id    bigint        not null references notification (id) on delete cascade,
    type               varchar(30)   not null,
    provider           varchar(20)   not null,
    provider_event_id  varchar(255),
    occurred_at        timestamptz   not null,
    detail             varchar(1000),
    payload            jsonb         not null default '{}'::jsonb,
    created_at         timestamptz   not null default now()
);
create sequence notification_event_seq start with 1 increment by 50;
create index notification_event_notification_idx on notification_event (notification_id, occurred_at);
create unique index notification_event_dedup_uq on notification_event (provider, provider_event_id)
    where provider_event_id is not null;

create table bulk_operation (
    id                bigint primary key,
    shop_id           bigint        not null references shop (id) on delete cascade,
    type              varchar(30)   not null,
    status            varchar(30)   not null check (status in
                        ('PENDING', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED')),
    total             integer,
    processed         integer       not null default 0,
    succeeded         integer       not null default 0,
    failed            integer       not null default 0,
    input_key         varchar(1024),
    output_key        varchar(1024),
    error_report_key  varchar(1024),
    error_summary     varchar(2000),
    parameters        jsonb         not null default '{}'::jsonb,
    created_by        varchar(255),
    created_at        timestamptz   not null default now(),
    started_at        timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz   not null default now(),
    check (processed = succeeded + failed),
    check (total is null or processed <= total)
);
create sequence bulk_operation_seq start with 1 increment by 50;
create index bulk_operation_shop_idx on bulk_operation (shop_id, created_at desc);

-- One row per chunk of a bulk operation: the chunk command is claimed here (conditional
-- update) so a redelivered chunk is not counted twice.
create table bulk_operation_chunk (
    bulk_operation_id  bigint       not null references bulk_operation (id) on delete cascade,
    chunk_no           integer      not null,
    shop_id            bigint       not null references shop (id) on delete cascade,
    status             varchar(20)  not null check (status in ('PENDING', 'PROCESSING', 'DONE', 'FAILED')),
    rows_total         integer      not null default 0,
    succeeded          integer      not null default 0,
    failed             integer      not null default 0,
    lease_until        timestamptz,
    attempts           integer      not null default 0,
    updated_at         timestamptz  not null default now(),
    primary key (bulk_operation_id, chunk_no)
);

create table suppression (
    id          bigint primary key,
    shop_id     bigint        not null references shop (id) on delete cascade,
    channel     varchar(10)   not null check (channel in ('EMAIL', 'WHATSAPP')),
    address     varchar(320)  not null,
    reason      varchar(20)   not null check (reason in
                  ('UNSUBSCRIBED', 'HARD_BOUNCE', 'COMPLAINT', 'OPTED_OUT', 'INVALID', 'MANUAL')),
    source      varchar(100),
    created_at  timestamptz   not null default now(),
    unique (shop_id, channel, address)
);
create sequence suppression_seq start with 1 increment by 50;

create table audit_log (
    id           bigint primary key,
    shop_id      bigint        not null references shop (id) on delete cascade,
    actor_type   varchar(20)   not null,
    actor        varchar(255)  not null,
    action       varchar(100)  not null,
    target_type  varchar(50),
    target_id    varchar(100),
    details      jsonb         not null default '{}'::jsonb,
    at           timestamptz   not null default now()
);
create sequence audit_log_seq start with 1 increment by 50;
create index audit_log_shop_at_idx on audit_log (shop_id, at desc);
