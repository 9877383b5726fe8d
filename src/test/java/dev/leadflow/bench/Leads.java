package dev.leadflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The leads the benchmark creates through the CRM API: ids, phone numbers and the request body. */
final class Leads {

    private final AtomicInteger phones = new AtomicInteger();
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    /** A Brazilian mobile number in E.164, unique within the run. */
    String nextPhone() {
        return "+55119" + String.format("%08d", phones.incrementAndGet());
    }

    static String id(String prefix, int index) {
        return prefix + "-" + index;
    }

    static int index(String prefix, String leadId) {
        return Integer.parseInt(leadId.substring(prefix.length() + 1));
    }

    /** A new consented lead, as a CRM sends it: it starts the welcome flow. */
    static String body(String phone, int index) {
        return """
                {"phone":"%s","name":"Bench %d","locale":"pt-BR","timezone":"America/Sao_Paulo","status":"New",
                 "consent":{"whatsapp":true},"owner":"bench","source":"benchmark"}""".formatted(phone, index);
    }

    /**
     * Creates {@code count} leads {@code idPrefix-0..} through {@code PUT /api/leads/{id}} with {@code clients}
     * concurrent clients (at {@code ratePerSecond}, 0: as fast as they go), noting when each request was sent.
     */
    Load.Result create(Http api, String idPrefix, int count, int clients, double ratePerSecond, long[] sentAtNanos) {
        return Load.run(count, clients, ratePerSecond, i -> {
            String leadId = id(idPrefix, i);
            sentAtNanos[i] = System.nanoTime();
            Http.Answer answer = api.put("/api/leads/" + leadId, body(nextPhone(), i));
            if (answer.status() == 201) {
                created(leadId);
            }
            return answer;
        });
    }

    void created(String leadId) {
        created.add(leadId);
    }

    List<String> all() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }
}
