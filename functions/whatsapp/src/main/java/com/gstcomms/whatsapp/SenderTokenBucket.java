package com.gstcomms.whatsapp;

import com.gstcomms.runtime.lambda.RetryLater;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static com.gstcomms.runtime.work.Transactions.inSession;

/**
 * The throughput cap per WhatsApp sender, shared by every Lambda instance: a token bucket in PostgreSQL
 * (table whatsapp_sender_bucket, one row per Twilio account and sender).
 *
 * <p>One statement takes a turn: an upsert that refills the bucket by the time elapsed since its last
 * refill (rate × seconds, at most the burst capacity), takes one token, and returns what is left. The row
 * lock serialises concurrent takers, and each re-evaluates the refill on the row its predecessor left, so
 * no two instances can spend the same token. The balance may go below zero, down to −rate × maxWait:
 * a negative balance is a reserved turn, and the taker sleeps −balance / rate seconds before sending —
 * concurrent takers thus get distinct turns spaced 1/rate apart. A taker whose turn would be further
 * away than maxWait takes nothing (the condition fails, no row returns) and gives its message back to
 * the queue. The clock is the database's ({@code clock_timestamp()}), so instance clocks do not matter.
 *
 * <p>The sliding one-second window holds at most capacity + rate turns, hence capacity (burst) 1.
 */
@ApplicationScoped
public class SenderTokenBucket {

    // The refill expression appears twice (SET and WHERE) because Postgres evaluates both on the locked,
    // current row; greatest(0, …) guards against a statement that started before its predecessor's refill.
    private static final String TAKE = """
            insert into whatsapp_sender_bucket as b (account_sid, sender, tokens, refilled_at)
            values (:account, :sender, cast(:capacity as numeric) - 1, clock_timestamp())
            on conflict (account_sid, sender) do update
               set tokens = least(cast(:capacity as numeric), b.tokens + cast(:rate as numeric)
                                  * greatest(0, extract(epoch from clock_timestamp() - b.refilled_at))) - 1,
                   refilled_at = clock_timestamp()
             where least(cast(:capacity as numeric), b.tokens + cast(:rate as numeric)
                         * greatest(0, extract(epoch from clock_timestamp() - b.refilled_at))) - 1
                   >= -cast(:maxDebt as numeric)
            returning b.tokens""";

    /** Turns missed in a row before the message goes back to the queue. */
    static final int MAX_MISSED_TURNS = 20;

    private final WhatsAppConfig config;

    public SenderTokenBucket(WhatsAppConfig config) {
        this.config = config;
    }

    /**
     * Waits for this sender's next turn.
     *
     * <p>A turn is a moment; a worker held up past it (a GC pause, a busy CPU, a slow database answer)
     * would send late, together with the workers whose turns come next, and Twilio would see a bunch
     * above the cap. So a turn missed by more than {@code gstcomms.whatsapp.late-turn-tolerance} is given
     * up and a new one taken — a few turns go unused under load, and the cap holds at the receiving end.
     *
     * @throws RetryLater when the turn is more than {@code gstcomms.whatsapp.max-rate-wait} away, or turns
     *                    keep being missed (the message goes back to the queue)
     */
    public void awaitTurn(String accountSid, String sender, int messagesPerSecond) {
        long tolerance = config.lateTurnTolerance().toNanos();
        for (int missed = 0; missed < MAX_MISSED_TURNS; missed++) {
            long asked = System.nanoTime();
            Optional<Duration> wait = inSession(() -> take(accountSid, sender, messagesPerSecond));
            long answered = System.nanoTime();
            if (wait.isEmpty()) {
                throw new RetryLater("sender " + sender + " is at its cap of " + messagesPerSecond
                        + " messages/s with turns reserved for more than " + config.maxRateWait().toSeconds()
                        + " s", config.maxRateWait());
            }
            long waitNanos = wait.get().toNanos();
            // The database set the turn somewhere between asking and answering: sleeping until
            // answered + wait is never early; being later than asked + wait + tolerance is too late.
            sleepUntil(answered + waitNanos);
            if (System.nanoTime() - (asked + waitNanos) <= tolerance) {
                return;
            }
        }
        throw new RetryLater("sender " + sender + ": missed " + MAX_MISSED_TURNS + " turns in a row (this instance "
                + "is held up)", Duration.ofSeconds(1));
    }

    /**
     * Takes a turn of this account's sender: how long to wait for it, or empty when it is too far away
     * (nothing taken). The bucket is the account's and the sender's together (issue 15 §5): a shop that
     * names another account's number under its own account has a bucket of its own.
     */
    public Uni<Optional<Duration>> take(String accountSid, String sender, int messagesPerSecond) {
        long maxDebt = Math.max(1, (long) Math.ceil(messagesPerSecond * (config.maxRateWait().toMillis() / 1000.0)));
        return Panache.getSession().chain(session -> session.createNativeQuery(TAKE, BigDecimal.class)
                        .setParameter("account", accountSid)
                        .setParameter("sender", sender)
                        .setParameter("capacity", Math.max(1, config.burst()))
                        .setParameter("rate", messagesPerSecond)
                        .setParameter("maxDebt", maxDebt)
                        .getResultList())
                .map((List<BigDecimal> rows) -> rows.stream().findFirst().map(tokens -> waitFor(tokens, messagesPerSecond)));
    }

    /** A balance of −k means k turns are ahead of ours: they take k / rate seconds. */
    static Duration waitFor(BigDecimal tokens, int messagesPerSecond) {
        if (tokens.signum() >= 0) {
            return Duration.ZERO;
        }
        BigDecimal micros = tokens.negate().multiply(BigDecimal.valueOf(1_000_000))
                .divide(BigDecimal.valueOf(messagesPerSecond), 0, RoundingMode.CEILING);
        return Duration.ofNanos(micros.longValueExact() * 1_000);
    }

    private static void sleepUntil(long nanoTime) {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            return;
        }
        try {
            Thread.sleep(Duration.ofNanos(left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater("interrupted while waiting for the sender's turn", Duration.ofSeconds(1));
        }
    }
}
