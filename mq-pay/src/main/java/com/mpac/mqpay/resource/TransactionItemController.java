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
@RequestMapping("/api/mq-pay/transaction-items")
@Tag(name = "Transaction items",
        description = "Line items of a transaction: name, sku, quantity, unitPrice; amount = quantity x unitPrice.")
class TransactionItemController extends ResourceController {

    TransactionItemController(ResourceService service) {
        super(service, Resource.TRANSACTION_ITEMS);
    }

    @PostMapping
    @Operation(summary = "Create", description = "Answers the created row (200). Unknown fields, statuses or paid "
            + "amounts in the body are refused (VALIDATION_ERROR 400).")
    Map<String, Object> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            schema = @Schema(implementation = ResourceRequests.ItemCreate.class))) @RequestBody JsonNode body) {
        ResourceRequests.ItemCreate request = service().read(body, ResourceRequests.ItemCreate.class);
        return service().createItem(CurrentMerchant.id(), request);
    }
}
