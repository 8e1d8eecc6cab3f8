package com.mpac.smarttab.bill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import com.mpac.contracts.problem.ApiException;

/** The splitting rules hold for any bill: nothing lost, nothing invented, the same answer every time. */
class BillSplitsPropertyTests {

    @Property
    void equalPartsSumExactlyAndDifferByAtMostOneUnit(@ForAll @LongRange(min = 2, max = 99_999_999_999L) long total,
            @ForAll @IntRange(min = 2, max = 100) int parts) {
        if (parts > total) {
            assertThatThrownBy(() -> BillSplits.equal(total, parts)).isInstanceOf(ApiException.class);
            return;
        }
        List<Long> shares = BillSplits.equal(total, parts);

        assertThat(shares).hasSize(parts);
        assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(shares).allMatch(share -> share > 0);
        long max = shares.stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = shares.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(max - min).isLessThanOrEqualTo(1);
        // Deterministic: the larger shares come first, and the same split comes out again.
        assertThat(shares).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(BillSplits.equal(total, parts)).isEqualTo(shares);
    }

    @Property
    void amountsAreTakenOnlyWhenTheySumToTheBill(
            @ForAll @Size(min = 2, max = 20) List<@LongRange(min = 1, max = 1_000_000) Long> amounts,
            @ForAll @LongRange(min = -3, max = 3) long offset) {
        long sum = amounts.stream().mapToLong(Long::longValue).sum();
        long total = sum + offset;

        if (offset == 0) {
            assertThat(BillSplits.amounts(total, amounts)).isEqualTo(amounts);
        }
        else {
            assertThatThrownBy(() -> BillSplits.amounts(total, amounts)).isInstanceOf(ApiException.class);
        }
    }

    @Property
    void everyItemLandsInExactlyOnePart(
            @ForAll @Size(min = 2, max = 30) List<@LongRange(min = 1, max = 100_000) Long> prices,
            @ForAll @IntRange(min = 1, max = 5) int groups) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (int i = 0; i < prices.size(); i++) {
            items.put("itm_" + i, prices.get(i));
        }
        // Deal the first items round-robin into the groups; the rest stay unnamed and form one more part.
        List<List<String>> named = new ArrayList<>();
        int dealt = Math.min(prices.size() - 1, groups);
        for (int g = 0; g < dealt; g++) {
            named.add(new ArrayList<>());
        }
        for (int i = 0; i < dealt; i++) {
            named.get(i % dealt).add("itm_" + i);
        }

        List<List<String>> parts = BillSplits.byItems(items, named);

        List<String> all = parts.stream().flatMap(List::stream).toList();
        assertThat(all).containsExactlyInAnyOrderElementsOf(items.keySet());
        assertThat(parts.stream().mapToLong(part -> part.stream().mapToLong(items::get).sum()).sum())
                .isEqualTo(prices.stream().mapToLong(Long::longValue).sum());
        assertThat(parts).hasSize(dealt + 1);
    }

    @Property
    void anItemNamedTwiceIsRefused(@ForAll @IntRange(min = 0, max = 4) int twice) {
        Map<String, Long> items = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            items.put("itm_" + i, 100L);
        }

        assertThatThrownBy(() -> BillSplits.byItems(items, List.of(List.of("itm_" + twice),
                List.of("itm_" + twice)))).isInstanceOf(ApiException.class);
    }
}
