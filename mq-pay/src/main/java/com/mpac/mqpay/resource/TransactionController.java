package com.mpac.mqpay.resource;

import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.config.CurrentMerchant;

@RestController
@RequestMapping("/api/mq-pay/transactions")
@Tag(name = "Transactions",
        description = "A transaction is created 100_NEW with paid 0; a second one for the same source answers CONFLICT "
                + "409. Deleting needs 100_NEW or 505_CANCELLED with nothing paid and no open attempt.")
class TransactionController extends ResourceController {

    TransactionController(ResourceService service) {
        super(service, Resource.TRANSACTIONS);
    }

    @PostMapping
    @Operation(summary = "Create", description = "Answers the created row (200). Unknown fields, statuses or paid "
            + "amounts in the body are refused (VALIDATION_ERROR 400).")
    Map<String, Object> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = ResourceRequests.TransactionCreate.class))) @RequestBody JsonNode body) {
        ResourceRequests.TransactionCreate request = service().read(body, ResourceRequests.TransactionCreate.class);
        return service().createTransaction(CurrentMerchant.id(), request);
    }
}
