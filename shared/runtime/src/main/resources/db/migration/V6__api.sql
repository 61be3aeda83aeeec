-- The HTTP API's own tables (functions/api).

-- Per-shop request counter in fixed windows, shared by every Lambda instance (a counter in memory
-- would let each concurrent instance allow the full limit). Old windows are swept by the API.
create table api_rate_window (
    shop_id       bigint       not null references shop (id) on delete cascade,
    window_start  timestamptz  not null,
    requests      integer      not null,
    primary key (shop_id, window_start)
);

-- Idempotency-Key on POST: the first request's answer, replayed to repeats of the same request.
-- A row without response_status is a request still running. Expired rows are swept by the API.
create table api_idempotency (
    shop_id          bigint        not null references shop (id) on delete cascade,
    idempotency_key  varchar(255)  not null,
    request_method   varchar(10)   not null,
    request_path     varchar(500)  not null,
    request_hash     char(64)      not null,
    response_status  integer,
    response_body    text,
    created_at       timestamptz   not null default now(),
    completed_at     timestamptz,
    primary key (shop_id, idempotency_key)
);
create index api_idempotency_created_idx on api_idempotency (created_at);

-- Twilio calls back with the account SID only: find the shop (and its sealed auth token) by it.
create index shop_credential_twilio_account_idx on shop_credential ((settings ->> 'accountSid'))
    where provider = 'TWILIO';
