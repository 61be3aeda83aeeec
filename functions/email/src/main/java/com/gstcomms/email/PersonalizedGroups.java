package com.gstcomms.email;

import com.gstcomms.templates.MessageTemplate;
import com.gstcomms.templates.RenderedMessage;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Packs the campaign messages of one shop, campaign and template into SendGrid requests of up to 1,000
 * personalizations, each recipient still getting exactly their own rendered message.
 *
 * <p>How: the variables that differ between recipients (their name, their unsubscribe link, …) are
 * replaced by markers and the template is rendered once — with HTML-context markers for the HTML body
 * and text-context markers for the text body; each recipient's personalization then carries
 * {@code substitutions} mapping the markers to their own values (HTML-escaped for the HTML body, as
 * Qute would). A recipient whose substituted bodies are not byte-identical to their own full render
 * (the template branches on a differing value, transforms it, or formats it differently) is sent
 * alone with their full render instead: correctness never depends on the template's shape.
 * The markers carry a random nonce per batch, so no customer value can imitate one.
 */
final class PersonalizedGroups {

    /** SendGrid: "the total collective size of your substitutions may not exceed 10,000 bytes per personalization". */
    static final int MAX_SUBSTITUTION_BYTES = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalizedGroups() {
    }

    /** One prepared recipient: their variables, their full render and their own headers. */
    record Member(long notificationId, String email, Map<String, Object> variables, RenderedMessage full,
                  Map<String, String> headers) {
    }

    /**
     * @return requests: shared-body groups (each ≤ {@code maxPerRequest} recipients and ≤ {@code maxBytes})
     *         and single-recipient requests for the members that could not share a body
     */
    static List<OutgoingEmail> pack(long shopId, String kind, Long campaignId, OutgoingEmail.Sender from,
                                    MessageTemplate template, List<Member> members, int maxPerRequest, long maxBytes) {
        List<OutgoingEmail> requests = new ArrayList<>();
        List<Member> alone = new ArrayList<>();
        Shared shared = members.size() < 2 || maxPerRequest < 2 ? null : shared(template, members);
        List<OutgoingEmail.Recipient> current = new ArrayList<>();
        long currentBytes = 0;
        for (Member member : members) {
            Map<String, String> subs = shared == null ? null : shared.substitutionsFor(member);
            if (subs == null) {
                alone.add(member);
                continue;
            }
            OutgoingEmail.Recipient recipient = new OutgoingEmail.Recipient(member.notificationId(), member.email(),
                    member.full().subject(), subs, member.headers());
            long bytes = new OutgoingEmail(shopId, kind, campaignId, from, null, null, List.of(), Map.of(),
                    List.of(recipient)).estimatedBytes();
            if (!current.isEmpty() && (current.size() >= maxPerRequest || currentBytes + bytes > maxBytes)) {
                requests.add(new OutgoingEmail(shopId, kind, campaignId, from, shared.html, shared.text, List.of(),
                        Map.of(), List.copyOf(current)));
                current.clear();
                currentBytes = 0;
            }
            current.add(recipient);
            currentBytes += bytes;
        }
        if (!current.isEmpty()) {
            requests.add(new OutgoingEmail(shopId, kind, campaignId, from, shared.html, shared.text, List.of(),
                    Map.of(), List.copyOf(current)));
        }
        for (Member member : alone) {
            requests.add(single(shopId, kind, campaignId, from, member, List.of()));
        }
        return requests;
    }

    /** A message of its own: the recipient's full render, no substitutions. */
    static OutgoingEmail single(long shopId, String kind, Long campaignId, OutgoingEmail.Sender from, Member member,
                                List<OutgoingEmail.Attachment> attachments) {
        return new OutgoingEmail(shopId, kind, campaignId, from, member.full().html(), member.full().text(), attachments,
                Map.of(), List.of(new OutgoingEmail.Recipient(member.notificationId(), member.email(),
                member.full().subject(), Map.of(), member.headers())));
    }

    /** The shared bodies with markers, and the markers of each differing variable. */
    private record Shared(String html, String text, Map<String, String[]> markers) {

        /** This member's substitutions, or null when they do not reproduce the member's own render exactly. */
        Map<String, String> substitutionsFor(Member member) {
            Map<String, String> subs = new LinkedHashMap<>();
            int bytes = 0;
            for (var e : markers.entrySet()) {
                Object value = member.variables().get(e.getKey());
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    return null;
                }
                String raw = value.toString();
                String[] marker = e.getValue();
                if (html != null && html.contains(marker[0])) {
                    subs.put(marker[0], escapeHtml(raw));
                }
                if (text != null && text.contains(marker[1])) {
                    subs.put(marker[1], raw);
                }
            }
            for (var e : subs.entrySet()) {
                bytes += (int) (OutgoingEmail.utf8Length(e.getKey()) + OutgoingEmail.utf8Length(e.getValue()));
            }
            if (bytes > MAX_SUBSTITUTION_BYTES) {
                return null;
            }
            boolean same = Objects.equals(html == null ? null : Substitutions.apply(html, subs), member.full().html())
                    && Objects.equals(text == null ? null : Substitutions.apply(text, subs), member.full().text());
            return same ? subs : null;
        }
    }

    private static Shared shared(MessageTemplate template, List<Member> members) {
        Set<String> differing = differingKeys(members);
        String nonce = HexFormat.of().formatHex(randomBytes());
        Map<String, String[]> markers = new LinkedHashMap<>();
        Map<String, Object> htmlVariables = new HashMap<>(members.getFirst().variables());
        Map<String, Object> textVariables = new HashMap<>(members.getFirst().variables());
        int i = 0;
        for (String key : differing) {
            String[] marker = {"[%gst" + nonce + "h" + i + "%]", "[%gst" + nonce + "t" + i + "%]"};
            markers.put(key, marker);
            htmlVariables.put(key, marker[0]);
            textVariables.put(key, marker[1]);
            i++;
        }
        try {
            RenderedMessage htmlRender = template.render(htmlVariables);
            RenderedMessage textRender = template.render(textVariables);
            return new Shared(htmlRender.html(), textRender.text(), markers);
        } catch (RuntimeException e) {   // MessageRenderException included
            // A template that cannot take a marker in place of a value (a number compared, a list looped):
            // every member is sent with their own render.
            return null;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Keys whose value is not the same for every member (missing counts as different). */
    static Set<String> differingKeys(List<Member> members) {
        Set<String> all = new TreeSet<>();
        members.forEach(m -> all.addAll(m.variables().keySet()));
        Set<String> differing = new TreeSet<>();
        Map<String, Object> first = members.getFirst().variables();
        for (String key : all) {
            Object value = first.get(key);
            for (Member m : members) {
                if (!m.variables().containsKey(key) || !Objects.equals(value, m.variables().get(key))) {
                    differing.add(key);
                    break;
                }
            }
        }
        return differing;
    }

    /** Qute's HTML escaping of a printed value (io.quarkus.qute.HtmlEscaper). */
    static String escapeHtml(String raw) {
        StringBuilder out = null;
        for (int i = 0; i < raw.length(); i++) {
            String replacement = switch (raw.charAt(i)) {
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(raw.length() + 16).append(raw, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(raw.charAt(i));
                }
            }
        }
        return out == null ? raw : out.toString();
    }
}
