import { required, type FunctionDef } from '../function.js';
import { K } from '../../types/kind.js';
import { parse_syslog } from './parse_syslog.js';

const year = new Date().getUTCFullYear();

/** Linux `auth.log`/`secure` lines: exactly `parse_syslog`. */
export const parse_linux_authorization: FunctionDef = {
  name: 'parse_linux_authorization',
  parameters: [required('value', K.BYTES)],
  compile: (args, ctx) => parse_syslog.compile(args, ctx),
  examples: [
    {
      title: 'Parse Linux authorization event',
      source: `parse_linux_authorization!(\n  s'Mar 23 01:49:58 localhost sshd[1111]: Accepted publickey for eng from 10.1.1.1 port 8888 ssh2: RSA SHA256:foobar'\n)`,
      result: `{"appname": "sshd", "hostname": "localhost", "message": "Accepted publickey for eng from 10.1.1.1 port 8888 ssh2: RSA SHA256:foobar", "procid": 1111, "timestamp": t'${year}-03-23T01:49:58Z'}`,
    },
  ],
};
