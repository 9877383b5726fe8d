package dev.leadflow.whatsapp;

import java.util.ArrayList;
import java.util.List;

/**
 * A WhatsApp user id ({@code wa_id}, the number without +) as the lead directory's E.164 numbers. Meta
 * keeps some legacy forms: Brazilian mobiles without the ninth digit, Mexican mobiles with the old 1
 * after the country code. Those are tried after the exact number.
 */
public final class WaIds {

    private WaIds() {
    }

    /** The lead directory's numbers a {@code wa_id} may stand for, the exact one first. */
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

    /**
     * The forms WhatsApp may give an E.164 number as a {@code wa_id} (digits, no +): as stored, and the legacy
     * forms Meta keeps (a Brazilian mobile without its ninth digit, a Mexican mobile with the old 1).
     */
    public static List<String> waIdsOf(String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        List<String> waIds = new ArrayList<>(List.of(digits));
        if (digits.length() == 13 && digits.startsWith("55") && digits.charAt(4) == '9') {
            waIds.add(digits.substring(0, 4) + digits.substring(5));
        }
        if (digits.length() == 12 && digits.startsWith("52")) {
            waIds.add("521" + digits.substring(2));
        }
        return waIds;
    }
}
