package dev.leadflow.observability;

import java.util.regex.Pattern;

/**
 * Masks E.164-looking phone numbers in any text bound for logs, keeping the first two digits and the
 * last two, and hiding the length: {@code +5511999990000} becomes {@code +55*****00}. The plain-text log
 * pattern in application.yml applies the same expression with Logback's {@code %replace}.
 */
public final class PhoneMasking {

    /** A '+' and 8 to 15 digits, not inside a longer run of digits. */
    static final Pattern E164 = Pattern.compile("(?<![\\d+])\\+(\\d{2})\\d{4,11}(\\d{2})(?!\\d)");

    private PhoneMasking() {
    }

    /** One number for logs, E.164 or a WhatsApp id (its digits without +): masked as inside a text. */
    public static String maskNumber(String number) {
        String digits = number == null ? "" : number.startsWith("+") ? number.substring(1) : number;
        return digits.matches("\\d{8,15}") ? mask("+" + digits) : "***";
    }

    public static String mask(String text) {
        if (text == null || text.indexOf('+') < 0) {
            return text;
        }
        return E164.matcher(text).replaceAll("+$1*****$2");
    }
}
