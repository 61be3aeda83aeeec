package com.gstcomms.api.campaigns;

import com.gstcomms.runtime.campaign.Audience;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.stream.Collectors;

import static com.gstcomms.runtime.work.NativeSql.rows;
import static com.gstcomms.runtime.work.Transactions.inSession;

/**
 * How many customers a campaign's audience would reach before it starts ("preview count"): members of the
 * audience, and of those the ones opted in to the channel (AUTO: either), as the fan-out counts them.
 */
@ApplicationScoped
public class AudienceCount {

    private static final String COUNT = """
            select count(*) as members, count(*) filter (where %s) as reachable
              from customer where shop_id = ?1 and (%s)""";
    /** Joins the tags into one text parameter (a character no tag holds), as CampaignFanOut does. */
    private static final String TAG_SEPARATOR = "\u001f";

    @TemplateData
    public record Count(long members, long reachable) {
    }

    public Count count(long shopId, Audience audience, String channel) {
        String optedIn = switch (channel == null ? "AUTO" : channel) {
            case "EMAIL" -> "email_opt_in";
            case "WHATSAPP" -> "whatsapp_opt_in";
            default -> "email_opt_in or whatsapp_opt_in";
        };
        String members = switch (audience.type()) {
            case ALL -> optedIn;
            // Lists go in as one text each (as the fan-out passes them), split by PostgreSQL.
            case TAGS -> "tags && string_to_array(?2, ?3)";
            case CUSTOMERS -> "id = any(cast(string_to_array(?2, ',') as bigint[]))";
        };
        Object[] args = switch (audience.type()) {
            case ALL -> new Object[]{shopId};
            case TAGS -> new Object[]{shopId, String.join(TAG_SEPARATOR, audience.tags()),
                    TAG_SEPARATOR};
            case CUSTOMERS -> new Object[]{shopId,
                    audience.customerIds().stream().map(String::valueOf).collect(Collectors.joining(","))};
        };
        Object[] row = inSession(() -> rows(COUNT.formatted(optedIn, members), args)
                .ifNoItem().after(Duration.ofSeconds(10)).fail()).getFirst();
        return new Count(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }
}
