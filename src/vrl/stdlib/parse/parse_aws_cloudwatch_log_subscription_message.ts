import { required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import type { Value } from '../../value/value.js';
import { textOf } from './args.js';
import { parseCloudwatchMessage } from './cloudwatch.js';

export const parse_aws_cloudwatch_log_subscription_message: FunctionDef = {
  name: 'parse_aws_cloudwatch_log_subscription_message',
  parameters: [required('value', K.BYTES)],
  compile() {
    return {
      kind: Kind.object({
        owner: Kind.bytes(),
        message_type: Kind.bytes(),
        log_group: Kind.bytes(),
        log_stream: Kind.bytes(),
        subscription_filters: Kind.array(Kind.bytes()),
        log_events: Kind.array(
          Kind.object({ id: Kind.bytes(), timestamp: Kind.timestamp(), message: Kind.bytes() }),
        ),
      }),
      fallible: true,
      pure: true,
      call: (value: Value | undefined) => parseCloudwatchMessage(textOf(value)),
    };
  },
  examples: [
    {
      title: 'Parse AWS Cloudwatch Log subscription message',
      source: `parse_aws_cloudwatch_log_subscription_message!(s'{
  "messageType": "DATA_MESSAGE",
  "owner": "111111111111",
  "logGroup": "test",
  "logStream": "test",
  "subscriptionFilters": [
    "Destination"
  ],
  "logEvents": [
    {
      "id": "35683658089614582423604394983260738922885519999578275840",
      "timestamp": 1600110569039,
      "message": "{\\"bytes\\":26780,\\"datetime\\":\\"14/Sep/2020:11:45:41-0400\\",\\"host\\":\\"157.130.216.193\\",\\"method\\":\\"PUT\\",\\"protocol\\":\\"HTTP/1.0\\",\\"referer\\":\\"https://www.principalcross-platform.io/markets/ubiquitous\\",\\"request\\":\\"/expedite/convergence\\",\\"source_type\\":\\"stdin\\",\\"status\\":301,\\"user-identifier\\":\\"-\\"}"
    }
  ]
}')`,
      result: `{
  "log_events": [{
    "id": "35683658089614582423604394983260738922885519999578275840",
    "message": "{\\"bytes\\":26780,\\"datetime\\":\\"14/Sep/2020:11:45:41-0400\\",\\"host\\":\\"157.130.216.193\\",\\"method\\":\\"PUT\\",\\"protocol\\":\\"HTTP/1.0\\",\\"referer\\":\\"https://www.principalcross-platform.io/markets/ubiquitous\\",\\"request\\":\\"/expedite/convergence\\",\\"source_type\\":\\"stdin\\",\\"status\\":301,\\"user-identifier\\":\\"-\\"}",
    "timestamp": t'2020-09-14T19:09:29.039Z'
  }],
  "log_group": "test",
  "log_stream": "test",
  "message_type": "DATA_MESSAGE",
  "owner": "111111111111",
  "subscription_filters": ["Destination"]
}`,
    },
  ],
};
