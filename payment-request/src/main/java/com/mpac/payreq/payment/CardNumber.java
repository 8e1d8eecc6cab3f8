package com.mpac.payreq.payment;

/**
 * A card number as the shopper typed it, checked and masked. It lives only for the request that carries it: it is
 * never stored, logged or put in an exception message; {@link #toString()} shows the masked form.
 */
final class CardNumber {

    private final String digits;

    private CardNumber(String digits) {
        this.digits = digits;
    }

    /** The number without spaces and dashes, or {@code null} when it is not 12–19 digits passing the Luhn check. */
    static CardNumber parse(String typed) {
        if (typed == null) {
            return null;
        }
        String digits = typed.replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{12,19}") || !luhn(digits)) {
            return null;
        }
        return new CardNumber(digits);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** First six and last four, the rest starred: {@code 411111******1111}. */
    String masked() {
        return digits.substring(0, 6) + "*".repeat(digits.length() - 10) + digits.substring(digits.length() - 4);
    }

    String brand() {
        if (digits.startsWith("4")) {
            return "VISA";
        }
        if (digits.matches("5[1-5].*|2[2-7].*")) {
            return "MASTERCARD";
        }
        if (digits.matches("3[47].*")) {
            return "AMEX";
        }
        if (digits.matches("6(011|5).*")) {
            return "DISCOVER";
        }
        return "OTHER";
    }

    int cvvLength() {
        return "AMEX".equals(brand()) ? 4 : 3;
    }

    /** For the sandbox's table of test numbers only. */
    boolean is(String testNumber) {
        return digits.equals(testNumber);
    }

    @Override
    public String toString() {
        return masked();
    }
}
