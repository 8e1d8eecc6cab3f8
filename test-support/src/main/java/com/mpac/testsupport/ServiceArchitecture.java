package com.mpac.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The layout rules of STYLE.md that a compiler cannot check: controllers, repositories and configuration stay
 * package-private, and injection goes through constructors. Each service applies them with
 * {@code @ArchTest static final ArchRule rules = ServiceArchitecture.RULES;}.
 */
public final class ServiceArchitecture {

    public static final ArchRule RULES = CompositeArchRule
            .of(classes().that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                    .should().notBePublic().allowEmptyShould(true))
            .and(classes().that().areAnnotatedWith("org.springframework.stereotype.Repository")
                    .should().notBePublic().allowEmptyShould(true))
            .and(classes().that().areAnnotatedWith("org.springframework.context.annotation.Configuration")
                    .should().notBePublic().allowEmptyShould(true))
            .and(noFields().should().beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                    .allowEmptyShould(true));

    private ServiceArchitecture() {
    }
}
