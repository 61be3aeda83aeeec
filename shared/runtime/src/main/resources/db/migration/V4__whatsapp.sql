-- The WhatsApp function's own table (functions/whatsapp).

-- Throughput cap per WhatsApp sender (Twilio: 80 messages/s per sender unless raised), shared by
-- every concurrently running Lambda instance. One row per sender, keyed by the sender address
-- ('whatsapp:+14155238886'), not by shop: the platform's sender serves many shops. A token bucket
-- refilled by elapsed time in one conditional upsert (functions/whatsapp SenderTokenBucket): tokens may
-- go below zero by a bounded amount, which is a reservation — the caller waits -tokens/rate seconds,
-- so concurrent callers get distinct, evenly spaced send times. Times come from the database clock
-- (clock_timestamp()), so instances' clocks do not matter.
create table whatsapp_sender_bucket (
    sender       varchar(40)     primary key,
    tokens       numeric(18, 6)  not null,
    refilled_at  timestamptz     not null
);
