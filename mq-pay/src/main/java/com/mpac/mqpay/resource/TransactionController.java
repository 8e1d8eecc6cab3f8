package com.mpac.mqpay.resource;

import java.util.Map;

import jakarta.validation.Valid;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.mpac.mqpay.config.CurrentMerchant;

@RestController
@RequestMapping("/api/mq-pay/transactions")
@Tag(name = "Transactions", description = "A transaction is created 100_NEW with paid 0; a second one for the same source answers CONFLICT 409. Deleting needs 100_NEW or 505_CANCELLED with nothing paid and no open attempt.")
class TransactionController extends ResourceController {

    TransactionController(ResourceService service) {
        super(service, Resource.TRANSACTIONS);
    }

    @PostMapping
    @Operation(summary = "Create", description = "Answers the created row (200). Unknown fields, statuses or paid "
            + "amounts in the body are refused (VALIDATION_ERROR 400).")
    Map<String, Object> create(@Valid @RequestBody ResourceRequests.TransactionCreate request) {
        return service().createTransaction(CurrentMerchant.id(), request);
    }
}
