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

    void created(String leadId) {
        created.add(leadId);
    }

    List<String> all() {
        synchronized (created) {
            return List.copyOf(created);
        }
    }
}
