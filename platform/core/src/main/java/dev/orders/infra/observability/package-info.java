/** Traces and logs: the settings that switch exporters and the log format on (docs/observability.md). */
package dev.orders.infra.observability;
