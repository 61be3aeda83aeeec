package com.gstcomms.scheduler;

import com.gstcomms.core.time.India;
import com.gstcomms.core.message.RunReminders;
import com.gstcomms.runtime.config.QueuesConfig;
import com.gstcomms.runtime.queue.CommandQueue;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static com.gstcomms.runtime.work.Transactions.inTransaction;

/**
 * The daily run: pages through the shops and queues one {@link RunReminders} per shop (in batches of
 * ten), so each shop's work runs in its own invocation — one shop's failure does not stop the others,
 * and no invocation grows with the number of invoices (each shop run pages on by continuation).
 */
@ApplicationScoped
public class DailyReminders {

    private static final int SHOP_PAGE = 500;

    private final CommandQueue queue;
    private final QueuesConfig queues;

    DailyReminders(CommandQueue queue, QueuesConfig queues) {
        this.queue = queue;
        this.queues = queues;
    }

    public RunSummary run(Instant firedAt) {
        LocalDate day = firedAt.atZone(India.ZONE).toLocalDate();
        String url = QueuesConfig.required(queues.reminders(), "reminders");
        long after = 0;
        int queued = 0;
        while (true) {
            final long from = after;
            List<Long> shops = inTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "select id from shop where id > :after order by id limit :n", Long.class)
                    .setParameter("after", from).setParameter("n", SHOP_PAGE).getResultList()));
            if (shops.isEmpty()) {
                break;
            }
            queue.sendAll(url, shops.stream().map(id -> new RunReminders(id, day, 0, null)).toList());
            queued += shops.size();
            after = shops.get(shops.size() - 1);
            if (shops.size() < SHOP_PAGE) {
                break;
            }
        }
        return new RunSummary("daily-reminders", day.toString(), queued, 0, 0, 0, 0);
    }
}
