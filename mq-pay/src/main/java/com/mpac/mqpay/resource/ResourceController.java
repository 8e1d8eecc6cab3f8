package com.mpac.mqpay.resource;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

import tools.jackson.databind.JsonNode;

import com.mpac.mqpay.config.CurrentMerchant;

/**
 * The read, count, PATCH and delete endpoints every CRUD resource of the seed has (LoopBack's ControllerFactory
 * shape); each resource's controller adds its create.
 */
abstract class ResourceController {

    static final String FILTER_DOC = "JSON, e.g. {\"where\":{\"sourceType\":\"Order\",\"total\":{\"gte\":50000},"
            + "\"or\":[{\"status\":\"300_PARTIAL\"},{\"status\":\"304_SETTLED\"}]},\"order\":[\"createdAt DESC\"],"
            + "\"limit\":20,\"skip\":0,\"fields\":[\"id\",\"status\"]}. Operators: eq neq gt gte lt lte inq nin "
            + "between like nlike ilike nilike; and/or nest up to 5 levels, 50 conditions; limit 1..500 "
            + "(default 100). Unknown fields or operators answer INVALID_FILTER 400.";

    private final ResourceService service;
    private final Resource resource;

    ResourceController(ResourceService service, Resource resource) {
        this.service = service;
        this.resource = resource;
    }

    protected ResourceService service() {
        return service;
    }

    @GetMapping
    @Operation(summary = "List", description = "The merchant's live rows matching the filter; an array.")
    List<Map<String, Object>> list(@Parameter(description = FILTER_DOC) @RequestParam(required = false) String filter) {
        return service.list(resource, CurrentMerchant.id(), filter);
    }

    @GetMapping("/count")
    @Operation(summary = "Count", description = "{\"count\": n} of the merchant's live rows matching where.")
    Map<String, Object> count(@Parameter(description = "A where object as in filter.where")
            @RequestParam(required = false) String where) {
        return service.count(resource, CurrentMerchant.id(), where);
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get by id", description = "Another merchant's id, or a deleted row, answers 404.")
    Map<String, Object> get(@PathVariable String id) {
        return service.get(resource, CurrentMerchant.id(), id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Update", description = "Changes descriptive fields only (statuses and amounts change "
            + "through /payments/*); answers the updated row (200).")
    Map<String, Object> patch(@PathVariable String id, @RequestBody JsonNode body) {
        return service.patch(resource, CurrentMerchant.id(), id, body);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Soft-delete", description = "204; the row disappears from lists, counts and reads. Rows "
            + "that hold money records are refused (409).")
    void delete(@PathVariable String id) {
        service.delete(resource, CurrentMerchant.id(), id);
    }
}
