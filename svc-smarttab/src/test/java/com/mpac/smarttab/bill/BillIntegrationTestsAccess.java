package com.mpac.smarttab.bill;

import java.util.List;
import java.util.concurrent.Callable;

/** Lets tests of other features start requests at once the way the bill tests do. */
public final class BillIntegrationTestsAccess {

    private BillIntegrationTestsAccess() {
    }

    public static <T> List<T> atOnce(List<Callable<T>> calls) throws Exception {
        return BillIntegrationTests.atOnce(calls);
    }
}
