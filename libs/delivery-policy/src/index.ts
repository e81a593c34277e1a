export {
  ACK_WAIT_MS,
  DEFAULT_DELIVERY_POLICY,
  DEFAULT_INITIAL_DELAY_MS,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_MAX_DELIVERIES,
  DEFAULT_MULTIPLIER,
  DEFAULT_TIMEOUT_MS,
  type DeliveryPolicy,
} from './policy';
export { parseRetryAfterMs } from './retry-after';
export {
  RETRY_AFTER_CEILING_MS,
  backoffDelayMs,
  describeResult,
  isRetryableStatus,
  isSuccessStatus,
  settle,
  type DeliveryResult,
  type Settlement,
} from './settle';
