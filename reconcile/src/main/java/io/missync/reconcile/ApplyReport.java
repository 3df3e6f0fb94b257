package io.missync.reconcile;

import io.missync.core.spi.ApplyRecord;

/**
 * What applying a plan did.
 *
 * @param planId the plan
 * @param applied changes the sink applied
 * @param failed changes the sink reported as failed (the next plan picks them up again)
 * @param skipped changes the sink skipped, or that depended on a change that did not apply
 * @param finalVersion the state version after the last recorded outcome
 * @param status how the apply ended
 */
public record ApplyReport(
    String planId,
    int applied,
    int failed,
    int skipped,
    long finalVersion,
    ApplyRecord.Status status) {}
