package com.mpac.mqpay;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import com.mpac.testsupport.ServiceArchitecture;

@AnalyzeClasses(packages = "com.mpac.mqpay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule layout = ServiceArchitecture.RULES;
}
