package dev.leadflow.whatsapp;

import java.util.ArrayList;
import java.util.List;

/**
 * A WhatsApp user id ({@code wa_id}, the number without +) as the lead directory's E.164 numbers. Meta
 * keeps some legacy forms: Brazilian mobiles without the ninth digit, Mexican mobiles with the old 1
 * after the country code. Those are tried after the exact number.
 */
final class WaIds {

    private WaIds() {
    }

    static List<String> candidates(String waId) {
        List<String> numbers = new ArrayList<>();
        if (waId == null || !waId.matches("\\d{7,15}")) {
            return numbers;
        }
        numbers.add("+" + waId);
        if (waId.length() == 12 && waId.startsWith("55") && "6789".indexOf(waId.charAt(4)) >= 0) {
            numbers.add("+" + waId.substring(0, 4) + "9" + waId.substring(4));
        }
        if (waId.length() == 13 && waId.startsWith("521")) {
            numbers.add("+52" + waId.substring(3));
        }
        return numbers;
    }

    /** For logs: the country code and the last two digits. */
    static String mask(String waId) {
        if (waId == null || waId.length() < 5) {
            return "***";
        }
        return "+" + waId.substring(0, 2) + "*".repeat(waId.length() - 4) + waId.substring(waId.length() - 2);
    }
}
