/** Alert destinations: config loading, payload rendering and exactly-once delivery. */
export { loadDestinations, checkDestinationNames, DESTINATIONS_DIR } from './load.js';
export { openDelivery, DEFAULT_RETRY, type Delivery, type DeliveryOptions } from './delivery.js';
export {
  destinationFileSchema,
  destinationJsonSchema,
  DESTINATION_TYPES,
  type DestinationFile,
} from './schema.js';
export { buildPayload, type AlertPayload } from './payload.js';
export { signBody } from './senders/webhook.js';
export type {
  DeliveryRecord,
  DeliveryState,
  DeliverySummary,
  DestinationConfig,
  DestinationType,
  EmailDestination,
  JiraDestination,
  PagerDutyDestination,
  RetryOptions,
  Routes,
  SlackDestination,
  SnsDestination,
  TeamsDestination,
  WebhookDestination,
} from './types.js';
