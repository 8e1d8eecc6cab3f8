package com.mpac.smarttab.bill;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mpac.contracts.problem.ApiException;
import com.mpac.contracts.problem.ProblemTypes;

/**
 * The splitting rules, in minor units so no rounding can lose or invent a cent. Whatever the mode, the parts sum
 * exactly to the bill and every part is worth more than zero.
 */
final class BillSplits {

    static final int MAX_PARTS = 100;

    private BillSplits() {
    }

    /**
     * {@code parts} equal shares of {@code total}; the remainder (total mod parts minor units) goes one unit each to
     * the first parts, so the split is the same every time and the shares differ by at most one unit.
     */
    static List<Long> equal(long total, int parts) {
        if (parts < 2 || parts > MAX_PARTS) {
            throw invalid("parts: must be between 2 and " + MAX_PARTS);
        }
        if (parts > total) {
            throw invalid("parts: a bill of " + total + " minor units cannot be split into " + parts
                    + " parts worth more than zero");
        }
        long base = total / parts;
        long remainder = total % parts;
        List<Long> shares = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            shares.add(base + (i < remainder ? 1 : 0));
        }
        return shares;
    }

    /** The given amounts, which must each be worth more than zero and sum exactly to {@code total}. */
    static List<Long> amounts(long total, List<Long> amounts) {
        if (amounts.size() < 2 || amounts.size() > MAX_PARTS) {
            throw invalid("amounts: between 2 and " + MAX_PARTS + " parts");
        }
        long sum = 0;
        for (long amount : amounts) {
            if (amount <= 0) {
                throw invalid("amounts: every part must be worth more than zero");
            }
            sum = Math.addExact(sum, amount);
        }
        if (sum != total) {
            throw invalid("amounts: the parts must sum exactly to the bill's total");
        }
        return List.copyOf(amounts);
    }

    /**
     * Item groups: each group of the bill's item ids becomes a part; items no group names form one more part. Every
     * item lands in exactly one part.
     *
     * @param items the bill's items and their amounts in minor units, in order
     */
    static List<List<String>> byItems(Map<String, Long> items, List<List<String>> groups) {
        if (items.isEmpty()) {
            throw new ApiException(BillStatus.UNEXPECTED_STATE, "This bill has no items to split by (it is a share "
                    + "of a bill split by amount); split it into equal parts or by amounts.");
        }
        Set<String> seen = new HashSet<>();
        List<List<String>> parts = new ArrayList<>();
        for (List<String> group : groups) {
            if (group.isEmpty()) {
                throw invalid("items: a part names at least one item");
            }
            for (String id : group) {
                if (!items.containsKey(id)) {
                    throw new ApiException(ProblemTypes.NOT_FOUND, "The bill has no item " + id + ".");
                }
                if (!seen.add(id)) {
                    throw invalid("items: item " + id + " is named twice");
                }
            }
            parts.add(List.copyOf(group));
        }
        List<String> rest = items.keySet().stream().filter(id -> !seen.contains(id)).toList();
        if (!rest.isEmpty()) {
            parts.add(rest);
        }
        if (parts.size() < 2 || parts.size() > MAX_PARTS) {
            throw invalid("items: the split must make between 2 and " + MAX_PARTS + " parts");
        }
        for (List<String> part : parts) {
            if (part.stream().mapToLong(items::get).sum() <= 0) {
                throw invalid("items: every part must be worth more than zero");
            }
        }
        return parts;
    }

    static Map<String, Long> amountsOf(List<String> part, Map<String, Long> items) {
        Map<String, Long> amounts = new LinkedHashMap<>();
        part.forEach(id -> amounts.put(id, items.get(id)));
        return amounts;
    }

    private static ApiException invalid(String message) {
        return new ApiException(ProblemTypes.VALIDATION_FAILED, message);
    }
}
