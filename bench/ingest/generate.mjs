#!/usr/bin/env node
// Deterministic generator of AWS CloudTrail-like events for the ingest benchmark.
//
// Each event is one record as it appears in the `Records` array of a CloudTrail log file,
// written as one JSON object per line (NDJSON). The same options (seed, event count, file
// count, timestamp flag) always produce byte-identical output: all randomness comes from
// one seeded PRNG (mulberry32), key order is fixed, and gzip runs with a fixed level and a
// zero mtime (Node's zlib writes no file name and mtime 0).
//
//   node bench/ingest/generate.mjs --events 1000000 --files 20 --out bench/out/cloudtrail
//       → <out>/cloudtrail-00001.jsonl.gz … (gzip), plus <out>/.manifest.json
//   node bench/ingest/generate.mjs --single-bytes 2147483648 --out bench/out/big.jsonl
//       → one uncompressed NDJSON file of at least that many bytes (streamed, bounded
//         memory), plus <out>.manifest.json
//
// Options: --seed N (default 1), --level 1..9 (gzip level, default 6),
//          --add-timestamp (also write "@timestamp" = eventTime as the first key, so an
//          ingester that takes ts from @timestamp partitions by event time; off by default
//          because real CloudTrail records have no such field).

import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createGzip, constants as zc } from 'node:zlib';

export const GENERATOR_VERSION = 2;
const BASE_TIME_MS = Date.UTC(2024, 4, 1, 0, 0, 0); // 2024-05-01T00:00:00Z
const SPAN_MS = 48 * 3600 * 1000; // events spread over 48 hours → ~48 hour partitions

/* ------------------------------------------------------------------ PRNG */

/** mulberry32: tiny, fast, good enough for synthetic data; 32-bit state. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rand {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  int(n) {
    return Math.floor(this.next() * n);
  }
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }
  chance(p) {
    return this.next() < p;
  }
  pick(arr) {
    return arr[this.int(arr.length)];
  }
  /** Pick from [[value, weight], …] using a precomputed cumulative table. */
  weighted(table) {
    const x = this.next() * table.total;
    let lo = 0;
    let hi = table.cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table.cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return table.items[lo];
  }
  hex(n, upper = false) {
    let s = '';
    while (s.length < n) s += ((this.next() * 4294967296) >>> 0).toString(16).padStart(8, '0');
    s = s.slice(0, n);
    return upper ? s.toUpperCase() : s;
  }
  alnum(n, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567') {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
  uuid() {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[this.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

function weightedTable(pairs) {
  const items = [];
  const cum = [];
  let total = 0;
  for (const [item, w] of pairs) {
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

/* ------------------------------------------------------------- world */

// A small, fixed "organization": built from its own PRNG so the world does not depend on
// the event count and stays the same for every seed-independent run.
function buildWorld() {
  const r = new Rand(0x5eed);
  const accounts = ['111122223333', '444455556666', '123456789012', '210987654321', '555566667777'];
  const orgId = 'o-' + r.alnum(10, 'abcdefghijklmnopqrstuvwxyz0123456789');
  const userNames = [
    'alice',
    'bob',
    'carol',
    'dave',
    'erin',
    'frank',
    'grace',
    'heidi',
    'ivan',
    'judy',
    'mallory',
    'niaj',
    'olivia',
    'peggy',
    'rupert',
    'sybil',
    'trent',
    'victor',
    'walter',
    'ci-deploy',
    'terraform',
    'backup-svc',
    'log-shipper',
    'datadog-integration',
  ];
  const iamUsers = userNames.map((name, i) => {
    const accountId = accounts[i % accounts.length];
    return {
      kind: 'IAMUser',
      name,
      accountId,
      principalId: 'AIDA' + r.alnum(17),
      accessKeyId: 'AKIA' + r.alnum(16),
      arn: `arn:aws:iam::${accountId}:user/${name}`,
    };
  });
  const roleNames = [
    'AWSReservedSSO_AdministratorAccess_' + r.hex(16),
    'AWSReservedSSO_ReadOnlyAccess_' + r.hex(16),
    'AWSReservedSSO_PowerUserAccess_' + r.hex(16),
    'OrganizationAccountAccessRole',
    'GitHubActionsDeployRole',
    'eks-node-group-role',
    'lambda-orders-processor-role',
    'lambda-image-resizer-role',
    'ecsTaskExecutionRole',
    'SecurityAuditRole',
    'AWSServiceRoleForConfig',
    'datadog-integration-role',
  ];
  const roles = roleNames.map((name, i) => {
    const accountId = accounts[(i * 3) % accounts.length];
    const sso = name.startsWith('AWSReservedSSO');
    return {
      name,
      accountId,
      roleId: 'AROA' + r.alnum(17),
      arn: `arn:aws:iam::${accountId}:role/${sso ? 'aws-reserved/sso.amazonaws.com/' : ''}${name}`,
      sso,
    };
  });
  const sessionNames = [
    'alice@example.com',
    'bob@example.com',
    'carol@example.com',
    'dave@example.com',
    'i-0' + r.hex(16),
    'i-0' + r.hex(16),
    'i-0' + r.hex(16),
    'GitHubActions',
    'botocore-session-' + r.range(1600000000, 1700000000),
    'aws-go-sdk-' + r.range(1600000000000, 1700000000000),
    'AWSConfig-Describe',
    'datadog',
  ];
  const buckets = [
    'acme-prod-data',
    'acme-prod-logs',
    'acme-backups',
    'acme-static-assets',
    'acme-ml-datasets',
    'acme-terraform-state',
    'cf-templates-' + r.alnum(12, 'abcdefghijklmnopqrstuvwxyz0123456789') + '-us-east-1',
    'aws-cloudtrail-logs-111122223333-' + r.hex(8),
  ];
  const instances = Array.from({ length: 60 }, () => 'i-0' + r.hex(16));
  const sgs = Array.from({ length: 20 }, () => 'sg-0' + r.hex(16));
  const subnets = Array.from({ length: 12 }, () => 'subnet-0' + r.hex(16));
  const vpcs = Array.from({ length: 4 }, () => 'vpc-0' + r.hex(16));
  const amis = Array.from({ length: 8 }, () => 'ami-0' + r.hex(16));
  const kmsKeys = Array.from({ length: 10 }, () => r.uuid());
  const functions = [
    'orders-processor',
    'image-resizer',
    'auth-authorizer',
    'nightly-report',
    'slack-notifier',
    'etl-loader',
  ];
  const secrets = [
    'prod/db/password',
    'prod/stripe/api-key',
    'staging/db/password',
    'prod/github/token',
    'prod/sendgrid',
  ];
  const params = [
    '/prod/app/config',
    '/prod/app/feature-flags',
    '/staging/app/config',
    '/shared/datadog/api-key',
    '/ami/latest',
  ];
  const logGroups = [
    '/aws/lambda/orders-processor',
    '/aws/lambda/image-resizer',
    '/aws/eks/prod/cluster',
    '/ecs/web',
    '/aws/rds/instance/prod-db/postgresql',
  ];
  const tables = ['orders', 'customers', 'sessions', 'inventory', 'audit-events'];
  const objectPrefixes = [
    'images/',
    'exports/2024/',
    'raw/events/',
    'models/v3/',
    'uploads/',
    'reports/daily/',
    'logs/app/',
  ];
  const objectExts = ['.jpg', '.png', '.json', '.csv.gz', '.parquet', '.pdf', '.txt', '.tar.gz'];
  return {
    accounts,
    orgId,
    iamUsers,
    roles,
    sessionNames,
    buckets,
    instances,
    sgs,
    subnets,
    vpcs,
    amis,
    kmsKeys,
    functions,
    secrets,
    params,
    logGroups,
    tables,
    objectPrefixes,
    objectExts,
  };
}

const W = buildWorld();

const REGIONS = weightedTable([
  ['us-east-1', 50],
  ['us-west-2', 18],
  ['eu-west-1', 12],
  ['eu-central-1', 8],
  ['ap-southeast-2', 5],
  ['ap-northeast-1', 4],
  ['sa-east-1', 2],
  ['ca-central-1', 1],
]);

const USER_AGENTS = weightedTable([
  ['aws-cli/2.15.30 Python/3.11.8 Linux/6.5.0-1016-aws exe/x86_64.ubuntu.22 prompt/off command/s3.cp', 8],
  ['aws-cli/2.13.25 Python/3.11.5 Darwin/23.1.0 exe/x86_64 prompt/off command/ec2.describe-instances', 6],
  [
    'Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.213-201.855.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.2 md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.69',
    14,
  ],
  ['aws-sdk-go-v2/1.25.2 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/s3#1.51.3', 10],
  [
    'aws-sdk-java/2.25.16 Linux/5.10.210-201.852.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy',
    7,
  ],
  ['aws-sdk-js/3.540.0 ua/2.0 os/linux#5.10.213 lang/js md/nodejs#20.12.0 api/dynamodb#3.540.0', 7],
  [
    'Terraform/1.7.5 (+https://www.terraform.io) terraform-provider-aws/5.42.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64',
    5,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36',
    6,
  ],
  ['Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:124.0) Gecko/20100101 Firefox/124.0', 3],
  ['AWS Internal', 6],
  ['console.amazonaws.com', 4],
  [
    '[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.660 Linux/5.10.210-179.855.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.402-b08 java/1.8.0_402 vendor/Oracle_Corporation cfg/retry-mode/standard]',
    3,
  ],
  ['Datadog/1.0 (+https://www.datadoghq.com)', 3],
]);

const TLS = [
  { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256' },
  { tlsVersion: 'TLSv1.2', cipherSuite: 'ECDHE-RSA-AES128-GCM-SHA256' },
  { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_256_GCM_SHA384' },
];

const ERRORS = [
  [
    'AccessDenied',
    (ev) =>
      `User: ${ev.userIdentity.arn} is not authorized to perform: ${ev.eventSource.split('.')[0]}:${ev.eventName} because no identity-based policy allows the ${ev.eventSource.split('.')[0]}:${ev.eventName} action`,
  ],
  ['Client.UnauthorizedOperation', () => 'You are not authorized to perform this operation.'],
  ['ThrottlingException', () => 'Rate exceeded'],
  [
    'NoSuchEntityException',
    (ev, part) => `The user with name ${part.requestParameters?.userName ?? 'unknown'} cannot be found.`,
  ],
  ['ResourceNotFoundException', () => 'Requested resource not found'],
  [
    'ValidationException',
    () =>
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
  ],
];

/* ------------------------------------------------------------- identities */

function ipv4(r) {
  // Mostly public corporate/cloud ranges, some private (VPC endpoints), fixed pools so
  // values repeat as they do in real trails.
  const c = r.int(10);
  if (c < 5) return `${r.pick([52, 54, 3, 18, 35, 34])}.${r.int(256)}.${r.int(256)}.${r.range(1, 254)}`;
  if (c < 8) return `${r.pick([203, 198, 81, 94, 185, 91])}.${r.int(64)}.${r.int(256)}.${r.range(1, 254)}`;
  return `10.${r.int(4)}.${r.int(256)}.${r.range(1, 254)}`;
}

function ipv6(r) {
  return `2001:db8:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}:${r.hex(4)}`;
}

function isoSeconds(ms) {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function identity(r, whenMs, svc) {
  const k = r.int(1000); // per mille
  if (svc && k < 120) {
    return {
      id: { type: 'AWSService', invokedBy: svc },
      accountId: r.pick(W.accounts),
      principalName: null,
      arn: null,
      sourceIP: svc,
      userAgent: svc,
    };
  }
  if (k < 400) {
    const u = r.pick(W.iamUsers);
    const id = {
      type: 'IAMUser',
      principalId: u.principalId,
      arn: u.arn,
      accountId: u.accountId,
      accessKeyId: u.accessKeyId,
      userName: u.name,
    };
    if (r.chance(0.3)) {
      id.accessKeyId = 'ASIA' + r.alnum(16);
      id.sessionContext = {
        attributes: {
          creationDate: isoSeconds(whenMs - r.int(3600 * 1000)),
          mfaAuthenticated: r.chance(0.7) ? 'true' : 'false',
        },
      };
    }
    return { id, accountId: u.accountId, principalName: u.name, arn: u.arn };
  }
  if (k < 997) {
    const role = r.pick(W.roles);
    const session = r.pick(W.sessionNames);
    const arn = `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session}`;
    const id = {
      type: 'AssumedRole',
      principalId: `${role.roleId}:${session}`,
      arn,
      accountId: role.accountId,
      accessKeyId: 'ASIA' + r.alnum(16),
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: role.roleId,
          arn: role.arn,
          accountId: role.accountId,
          userName: role.name,
        },
        webIdFederationData: {},
        attributes: {
          creationDate: isoSeconds(whenMs - r.int(12 * 3600 * 1000)),
          mfaAuthenticated: 'false',
        },
      },
    };
    if (role.sso) id.sessionContext.sourceIdentity = session;
    return { id, accountId: role.accountId, principalName: session, arn };
  }
  const accountId = r.pick(W.accounts);
  const arn = `arn:aws:iam::${accountId}:root`;
  return {
    id: { type: 'Root', principalId: accountId, arn, accountId, accessKeyId: '' },
    accountId,
    principalName: 'root',
    arn,
  };
}

/* ------------------------------------------------------------- event catalog */

function s3Key(r) {
  return `${r.pick(W.objectPrefixes)}${r.hex(r.range(8, 24))}${r.pick(W.objectExts)}`;
}

function s3Object(r, ctx, write) {
  const bucket = r.pick(W.buckets);
  const key = s3Key(r);
  const host = `${bucket}.s3.${ctx.region}.amazonaws.com`;
  return {
    requestParameters: {
      bucketName: bucket,
      Host: host,
      key,
      ...(write ? { 'x-amz-server-side-encryption': 'aws:kms' } : {}),
    },
    responseElements: write
      ? {
          'x-amz-server-side-encryption': 'aws:kms',
          'x-amz-server-side-encryption-aws-kms-key-id': `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${r.pick(W.kmsKeys)}`,
        }
      : null,
    additionalEventData: {
      SignatureVersion: 'SigV4',
      CipherSuite: 'TLS_AES_128_GCM_SHA256',
      bytesTransferredIn: write ? r.range(100, 50_000_000) : 0,
      AuthenticationMethod: 'AuthHeader',
      'x-amz-id-2': r.alnum(76, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
      bytesTransferredOut: write ? 0 : r.range(100, 50_000_000),
    },
    resources: [
      { type: 'AWS::S3::Object', ARN: `arn:aws:s3:::${bucket}/${key}` },
      { accountId: ctx.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` },
    ],
    host,
    requestID: r.hex(16, true),
  };
}

const CATALOG = [
  // [weight, source, name, opts, build(r, ctx) → partial]
  [16, 's3.amazonaws.com', 'GetObject', { readOnly: true, data: true }, (r, c) => s3Object(r, c, false)],
  [7, 's3.amazonaws.com', 'PutObject', { readOnly: false, data: true }, (r, c) => s3Object(r, c, true)],
  [
    4,
    's3.amazonaws.com',
    'ListObjects',
    { readOnly: true, data: true },
    (r, c) => {
      const bucket = r.pick(W.buckets);
      return {
        requestParameters: {
          bucketName: bucket,
          Host: `${bucket}.s3.${c.region}.amazonaws.com`,
          prefix: r.pick(W.objectPrefixes),
          'list-type': '2',
          'max-keys': '1000',
          'encoding-type': 'url',
        },
        resources: [{ accountId: c.accountId, type: 'AWS::S3::Bucket', ARN: `arn:aws:s3:::${bucket}` }],
        requestID: r.hex(16, true),
      };
    },
  ],
  [
    12,
    'sts.amazonaws.com',
    'AssumeRole',
    { readOnly: true, svc: 'ec2.amazonaws.com' },
    (r) => {
      const role = r.pick(W.roles);
      const session = r.pick(W.sessionNames);
      return {
        requestParameters: {
          roleArn: role.arn,
          roleSessionName: session,
          durationSeconds: r.pick([900, 3600, 43200]),
        },
        responseElements: {
          credentials: {
            accessKeyId: 'ASIA' + r.alnum(16),
            sessionToken: r.alnum(120, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
            expiration: 'Mar 1, 2024, 12:00:00 PM',
          },
          assumedRoleUser: {
            assumedRoleId: `${role.roleId}:${session}`,
            arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session}`,
          },
        },
        resources: [{ accountId: role.accountId, type: 'AWS::IAM::Role', ARN: role.arn }],
        sharedEventID: r.chance(0.5) ? r.uuid() : undefined,
      };
    },
  ],
  [
    3,
    'sts.amazonaws.com',
    'GetCallerIdentity',
    { readOnly: true },
    () => ({ requestParameters: null, responseElements: null }),
  ],
  [
    1,
    'signin.amazonaws.com',
    'ConsoleLogin',
    { readOnly: false, eventType: 'AwsConsoleSignIn' },
    (r) => {
      const ok = r.chance(0.9);
      return {
        requestParameters: null,
        responseElements: { ConsoleLogin: ok ? 'Success' : 'Failure' },
        additionalEventData: {
          LoginTo: 'https://console.aws.amazon.com/console/home?state=hashArgs%23&isauthcode=true',
          MobileVersion: 'No',
          MFAUsed: r.chance(0.8) ? 'Yes' : 'No',
        },
        errorMessage: ok ? undefined : 'Failed authentication',
        host: 'signin.aws.amazon.com',
      };
    },
  ],
  [
    10,
    'ec2.amazonaws.com',
    'DescribeInstances',
    { readOnly: true },
    (r) => ({
      requestParameters: r.chance(0.5)
        ? {
            instancesSet: {
              items: Array.from({ length: r.range(1, 3) }, () => ({ instanceId: r.pick(W.instances) })),
            },
            filterSet: {},
          }
        : {
            maxResults: 1000,
            instancesSet: {},
            filterSet: {
              items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }],
            },
          },
      responseElements: null,
    }),
  ],
  [
    3,
    'ec2.amazonaws.com',
    'DescribeSecurityGroups',
    { readOnly: true },
    (r) => ({
      requestParameters: {
        securityGroupSet: {},
        securityGroupIdSet: { items: [{ groupId: r.pick(W.sgs) }] },
        filterSet: {},
      },
      responseElements: null,
    }),
  ],
  [
    0.5,
    'ec2.amazonaws.com',
    'RunInstances',
    { readOnly: false },
    (r, c) => {
      const instanceId = r.pick(W.instances);
      const type = r.pick(['t3.micro', 'm5.large', 'c6i.xlarge', 'r6g.2xlarge']);
      return {
        requestParameters: {
          instancesSet: { items: [{ imageId: r.pick(W.amis), minCount: 1, maxCount: 1 }] },
          instanceType: type,
          blockDeviceMapping: {
            items: [
              {
                deviceName: '/dev/xvda',
                ebs: {
                  volumeSize: r.pick([8, 20, 100]),
                  deleteOnTermination: true,
                  volumeType: 'gp3',
                  encrypted: true,
                },
              },
            ],
          },
          tenancy: 'default',
          monitoring: { enabled: false },
          disableApiTermination: false,
          disableApiStop: false,
          clientToken: r.uuid(),
          networkInterfaceSet: {
            items: [
              {
                deviceIndex: 0,
                subnetId: r.pick(W.subnets),
                groupSet: { items: [{ groupId: r.pick(W.sgs) }] },
              },
            ],
          },
          iamInstanceProfile: { name: 'eks-node-group-role' },
          tagSpecificationSet: {
            items: [
              {
                resourceType: 'instance',
                tags: [
                  { key: 'Name', value: `web-${r.int(100)}` },
                  { key: 'env', value: r.pick(['prod', 'staging']) },
                ],
              },
            ],
          },
        },
        responseElements: {
          requestId: r.uuid(),
          reservationId: 'r-0' + r.hex(16),
          ownerId: c.accountId,
          groupSet: {},
          instancesSet: {
            items: [
              {
                instanceId,
                imageId: r.pick(W.amis),
                currentInstanceBootMode: 'uefi',
                instanceState: { code: 0, name: 'pending' },
                privateDnsName: `ip-10-0-${r.int(256)}-${r.int(256)}.ec2.internal`,
                amiLaunchIndex: 0,
                productCodes: {},
                instanceType: type,
                launchTime: Date.UTC(2024, 4, 1) + r.int(SPAN_MS),
                placement: { availabilityZone: `${c.region}${r.pick(['a', 'b', 'c'])}`, tenancy: 'default' },
                monitoring: { state: 'disabled' },
                subnetId: r.pick(W.subnets),
                vpcId: r.pick(W.vpcs),
                privateIpAddress: `10.0.${r.int(256)}.${r.int(256)}`,
                stateReason: { code: 'pending', message: 'pending' },
                architecture: 'x86_64',
                rootDeviceType: 'ebs',
                rootDeviceName: '/dev/xvda',
                virtualizationType: 'hvm',
                hypervisor: 'xen',
                ebsOptimized: false,
                enaSupport: true,
              },
            ],
          },
        },
        resources: [
          {
            accountId: c.accountId,
            type: 'AWS::EC2::Instance',
            ARN: `arn:aws:ec2:${c.region}:${c.accountId}:instance/${instanceId}`,
          },
        ],
      };
    },
  ],
  [
    0.2,
    'ec2.amazonaws.com',
    'AuthorizeSecurityGroupIngress',
    { readOnly: false },
    (r) => ({
      requestParameters: {
        groupId: r.pick(W.sgs),
        ipPermissions: {
          items: [
            {
              ipProtocol: 'tcp',
              fromPort: r.pick([22, 443, 3389, 5432]),
              toPort: r.pick([22, 443, 3389, 5432]),
              groups: {},
              ipRanges: { items: [{ cidrIp: r.pick(['0.0.0.0/0', '10.0.0.0/8', '203.0.113.0/24']) }] },
              ipv6Ranges: {},
              prefixListIds: {},
            },
          ],
        },
      },
      responseElements: {
        requestId: r.uuid(),
        _return: true,
        securityGroupRuleSet: {
          items: [
            {
              groupOwnerId: W.accounts[0],
              groupId: r.pick(W.sgs),
              securityGroupRuleId: 'sgr-0' + r.hex(16),
              isEgress: false,
              ipProtocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              cidrIpv4: '0.0.0.0/0',
            },
          ],
        },
      },
    }),
  ],
  [
    0.2,
    'iam.amazonaws.com',
    'CreateUser',
    { readOnly: false, region: 'us-east-1' },
    (r, c) => {
      const userName = `${r.pick(['svc', 'tmp', 'contractor', 'app'])}-${r.alnum(6, 'abcdefghijklmnopqrstuvwxyz')}`;
      return {
        requestParameters: {
          userName,
          tags: r.chance(0.5)
            ? [{ key: 'team', value: r.pick(['platform', 'data', 'security']) }]
            : undefined,
        },
        responseElements: {
          user: {
            path: '/',
            userName,
            userId: 'AIDA' + r.alnum(17),
            arn: `arn:aws:iam::${c.accountId}:user/${userName}`,
            createDate: 'May 1, 2024, 10:11:12 AM',
          },
        },
      };
    },
  ],
  [
    0.1,
    'iam.amazonaws.com',
    'AttachRolePolicy',
    { readOnly: false, region: 'us-east-1' },
    (r) => ({
      requestParameters: {
        roleName: r.pick(W.roles).name,
        policyArn: r.pick([
          'arn:aws:iam::aws:policy/AdministratorAccess',
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::aws:policy/AmazonS3FullAccess',
        ]),
      },
      responseElements: null,
    }),
  ],
  [
    3,
    'iam.amazonaws.com',
    'ListRoles',
    { readOnly: true, region: 'us-east-1' },
    (r) => ({ requestParameters: r.chance(0.5) ? { maxItems: 100 } : null, responseElements: null }),
  ],
  [
    2,
    'iam.amazonaws.com',
    'GetRole',
    { readOnly: true, region: 'us-east-1' },
    (r) => ({ requestParameters: { roleName: r.pick(W.roles).name }, responseElements: null }),
  ],
  [
    8,
    'kms.amazonaws.com',
    'Decrypt',
    { readOnly: true, svc: 's3.amazonaws.com' },
    (r, c) => {
      const key = r.pick(W.kmsKeys);
      return {
        requestParameters: {
          encryptionAlgorithm: 'SYMMETRIC_DEFAULT',
          encryptionContext: { 'aws:s3:arn': `arn:aws:s3:::${r.pick(W.buckets)}/${s3Key(r)}` },
        },
        responseElements: null,
        resources: [
          {
            accountId: c.accountId,
            type: 'AWS::KMS::Key',
            ARN: `arn:aws:kms:${c.region}:${c.accountId}:key/${key}`,
          },
        ],
      };
    },
  ],
  [
    4,
    'lambda.amazonaws.com',
    'Invoke',
    { readOnly: false, data: true },
    (r, c) => {
      const fn = r.pick(W.functions);
      return {
        requestParameters: {
          functionName: `arn:aws:lambda:${c.region}:${c.accountId}:function:${fn}`,
          sourceArn: `arn:aws:execute-api:${c.region}:${c.accountId}:${r.alnum(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}/prod/POST/orders`,
        },
        responseElements: null,
        additionalEventData: {
          functionVersion: `arn:aws:lambda:${c.region}:${c.accountId}:function:${fn}:$LATEST`,
        },
        resources: [
          {
            accountId: c.accountId,
            type: 'AWS::Lambda::Function',
            ARN: `arn:aws:lambda:${c.region}:${c.accountId}:function:${fn}`,
          },
        ],
      };
    },
  ],
  [
    5,
    'logs.amazonaws.com',
    'CreateLogStream',
    { readOnly: false, svc: 'lambda.amazonaws.com' },
    (r) => ({
      requestParameters: {
        logGroupName: r.pick(W.logGroups),
        logStreamName: `2024/05/0${r.range(1, 3)}/[$LATEST]${r.hex(32)}`,
      },
      responseElements: null,
    }),
  ],
  [
    3,
    'secretsmanager.amazonaws.com',
    'GetSecretValue',
    { readOnly: true },
    (r, c) => ({
      requestParameters: {
        secretId: `arn:aws:secretsmanager:${c.region}:${c.accountId}:secret:${r.pick(W.secrets)}-${r.alnum(6, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
      },
      responseElements: null,
    }),
  ],
  [
    4,
    'ssm.amazonaws.com',
    'GetParameter',
    { readOnly: true },
    (r) => ({
      requestParameters: { name: r.pick(W.params), withDecryption: r.chance(0.5) },
      responseElements: null,
    }),
  ],
  [
    5,
    'dynamodb.amazonaws.com',
    'DescribeTable',
    { readOnly: true },
    (r) => ({ requestParameters: { tableName: r.pick(W.tables) }, responseElements: null }),
  ],
  [
    2,
    'cloudtrail.amazonaws.com',
    'LookupEvents',
    { readOnly: true },
    (r) => ({
      requestParameters: {
        maxResults: 50,
        lookupAttributes: [
          {
            attributeKey: 'EventName',
            attributeValue: r.pick(['ConsoleLogin', 'CreateUser', 'DeleteTrail']),
          },
        ],
        startTime: 'May 1, 2024, 12:00:00 AM',
        endTime: 'May 2, 2024, 12:00:00 AM',
      },
      responseElements: null,
    }),
  ],
  [
    2,
    'config.amazonaws.com',
    'PutEvaluations',
    { readOnly: false, svc: 'config.amazonaws.com' },
    (r) => ({
      requestParameters: {
        evaluations: [
          {
            complianceResourceType: 'AWS::EC2::Instance',
            complianceResourceId: r.pick(W.instances),
            complianceType: r.pick(['COMPLIANT', 'NON_COMPLIANT']),
            orderingTimestamp: 'May 1, 2024, 6:00:00 AM',
          },
        ],
        resultToken: r.alnum(64, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
        testMode: false,
      },
      responseElements: { failedEvaluations: [] },
    }),
  ],
];
const CATALOG_TABLE = weightedTable(CATALOG.map((e) => [e, e[0]]));

/* ------------------------------------------------------------- one event */

/**
 * Builds event number `index` at time `whenMs`. Key order follows CloudTrail's own files.
 */
function makeEvent(r, whenMs, addTimestamp) {
  const [, eventSource, eventName, opts, build] = r.weighted(CATALOG_TABLE);
  const region = opts.region ?? r.weighted(REGIONS);
  const who = identity(r, whenMs, opts.svc);
  const ctx = { region, accountId: who.accountId };
  const part = build(r, ctx);
  const eventTime = isoSeconds(whenMs);
  const ev = {};
  if (addTimestamp) ev['@timestamp'] = eventTime;
  ev.eventVersion = opts.data ? '1.09' : r.pick(['1.08', '1.09', '1.10']);
  ev.userIdentity = who.id;
  ev.eventTime = eventTime;
  ev.eventSource = eventSource;
  ev.eventName = eventName;
  ev.awsRegion = region;
  ev.sourceIPAddress = who.sourceIP ?? (r.chance(0.07) ? ipv6(r) : ipv4(r));
  ev.userAgent = who.userAgent ?? r.weighted(USER_AGENTS);
  if (part.errorMessage) {
    ev.errorMessage = part.errorMessage;
  } else if (r.chance(0.05)) {
    const [code, msg] = r.pick(ERRORS);
    ev.errorCode = code;
    ev.errorMessage = msg(ev, part);
    part.responseElements = null;
  }
  ev.requestParameters = part.requestParameters ?? null;
  ev.responseElements = part.responseElements ?? null;
  if (part.additionalEventData) ev.additionalEventData = part.additionalEventData;
  ev.requestID = part.requestID ?? r.uuid();
  ev.eventID = r.uuid();
  ev.readOnly = opts.readOnly;
  if (part.resources) ev.resources = part.resources;
  ev.eventType = opts.eventType ?? (who.id.type === 'AWSService' ? 'AwsServiceEvent' : 'AwsApiCall');
  ev.managementEvent = !opts.data;
  ev.recipientAccountId = who.accountId;
  if (part.sharedEventID) ev.sharedEventID = part.sharedEventID;
  if (r.chance(0.04)) ev.vpcEndpointId = 'vpce-0' + r.hex(16);
  ev.eventCategory = opts.data ? 'Data' : 'Management';
  if (who.id.type !== 'AWSService') {
    const tls = TLS[r.int(TLS.length)];
    ev.tlsDetails = {
      tlsVersion: tls.tlsVersion,
      cipherSuite: tls.cipherSuite,
      clientProvidedHostHeader: part.host ?? `${eventSource.split('.')[0]}.${region}.amazonaws.com`,
    };
  }
  if (ev.userAgent.startsWith('Mozilla') || ev.userAgent === 'console.amazonaws.com')
    ev.sessionCredentialFromConsole = 'true';
  return ev;
}

/**
 * Yields NDJSON text chunks (~1 MiB each) for events [0, total) of a timeline spread over
 * 48 hours; event i's time is monotone in i plus up to ±90 s of jitter (CloudTrail files
 * are roughly, not strictly, ordered).
 */
function* eventLines(r, first, count, total, addTimestamp, stats) {
  let buf = '';
  for (let i = first; i < first + count; i++) {
    const when = BASE_TIME_MS + Math.floor((i * SPAN_MS) / total) + r.range(-90_000, 90_000);
    buf += JSON.stringify(makeEvent(r, Math.max(BASE_TIME_MS, when), addTimestamp)) + '\n';
    if (buf.length >= 1 << 20) {
      stats.bytes += Buffer.byteLength(buf);
      yield buf;
      buf = '';
    }
  }
  if (buf) {
    stats.bytes += Buffer.byteLength(buf);
    yield buf;
  }
}

async function writeAll(stream, chunks) {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
}

/* ------------------------------------------------------------- public API */

/** `count` CloudTrail-like records as JSON text, one per element (deterministic for a seed). */
export function cloudtrailRecords(count, seed = 1) {
  const r = new Rand(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const when = BASE_TIME_MS + Math.floor((i * SPAN_MS) / count) + r.range(-90_000, 90_000);
    out.push(JSON.stringify(makeEvent(r, Math.max(BASE_TIME_MS, when), false)));
  }
  return out;
}

/**
 * Writes `events` events into `files` gzip NDJSON files under `out` and a `.manifest.json`
 * (hidden, so a directory glob does not pick it up). Returns the manifest.
 */
export async function generateFiles({
  events = 1_000_000,
  files = 20,
  out,
  seed = 1,
  level = 6,
  addTimestamp = false,
  log = () => {},
}) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const r = new Rand(seed);
  const manifest = {
    generator: GENERATOR_VERSION,
    kind: 'files',
    seed,
    events,
    files: [],
    addTimestamp,
    gzipLevel: level,
    compressedBytes: 0,
    uncompressedBytes: 0,
  };
  const per = Math.floor(events / files);
  let first = 0;
  for (let f = 0; f < files; f++) {
    const count = f === files - 1 ? events - first : per;
    const name = `cloudtrail-${String(f + 1).padStart(5, '0')}.jsonl.gz`;
    const file = path.join(out, name);
    const stats = { bytes: 0 };
    const gzip = createGzip({ level, strategy: zc.Z_DEFAULT_STRATEGY });
    const sink = createWriteStream(file);
    gzip.pipe(sink);
    const done = once(sink, 'close');
    await writeAll(gzip, eventLines(r, first, count, events, addTimestamp, stats));
    await done;
    const compressed = sink.bytesWritten;
    manifest.files.push({ name, events: count, compressedBytes: compressed, uncompressedBytes: stats.bytes });
    manifest.compressedBytes += compressed;
    manifest.uncompressedBytes += stats.bytes;
    log(
      `  ${name}: ${count} events, ${(stats.bytes / 1e6).toFixed(1)} MB → ${(compressed / 1e6).toFixed(1)} MB gzip`,
    );
    first += count;
  }
  await writeFile(path.join(out, '.manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/**
 * Streams one uncompressed NDJSON file of at least `bytes` bytes (whole lines) to `out`,
 * with a sidecar `<out>.manifest.json`. Events are spread over the same 48 hours assuming
 * ~1 KiB per event. Returns the manifest.
 */
export async function generateSingle({ bytes, out, seed = 1, addTimestamp = false }) {
  await mkdir(path.dirname(path.resolve(out)), { recursive: true });
  const r = new Rand(seed ^ 0x9e3779b9);
  const estimate = Math.max(1, Math.ceil(bytes / 1100));
  const tmp = out + '.partial';
  const sink = createWriteStream(tmp, { highWaterMark: 1 << 20 });
  const done = once(sink, 'close');
  let written = 0;
  let events = 0;
  function* chunks() {
    let buf = '';
    let bufBytes = 0;
    while (written + bufBytes < bytes) {
      // Beyond the estimate, times stay within the window (clamped to its end).
      const i = Math.min(events, estimate - 1);
      const when = BASE_TIME_MS + Math.floor((i * SPAN_MS) / estimate) + r.range(-90_000, 90_000);
      const line = JSON.stringify(makeEvent(r, Math.max(BASE_TIME_MS, when), addTimestamp)) + '\n';
      events++;
      buf += line;
      bufBytes += Buffer.byteLength(line);
      if (bufBytes >= 1 << 20) {
        written += bufBytes;
        yield buf;
        buf = '';
        bufBytes = 0;
      }
    }
    written += bufBytes;
    if (buf) yield buf;
  }
  await writeAll(sink, chunks());
  await done;
  await rename(tmp, out);
  const manifest = {
    generator: GENERATOR_VERSION,
    kind: 'single',
    seed,
    requestedBytes: bytes,
    events,
    addTimestamp,
    uncompressedBytes: written,
    compressedBytes: written,
  };
  await writeFile(out + '.manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/* ------------------------------------------------------------- CLI */

async function main() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      files: { type: 'string', default: '20' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
      level: { type: 'string', default: '6' },
      'single-bytes': { type: 'string' },
      'add-timestamp': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || !values.out) {
    console.log(
      'usage: node bench/ingest/generate.mjs --out DIR [--events N] [--files N] [--seed N] [--level 1-9] [--add-timestamp]',
    );
    console.log(
      '       node bench/ingest/generate.mjs --single-bytes BYTES --out FILE.jsonl [--seed N] [--add-timestamp]',
    );
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const t0 = performance.now();
  const seed = Number(values.seed);
  let m;
  if (values['single-bytes']) {
    m = await generateSingle({
      bytes: Number(values['single-bytes']),
      out: values.out,
      seed,
      addTimestamp: values['add-timestamp'],
    });
  } else {
    m = await generateFiles({
      events: Number(values.events),
      files: Number(values.files),
      out: values.out,
      seed,
      level: Number(values.level),
      addTimestamp: values['add-timestamp'],
      log: console.log,
    });
  }
  const s = (performance.now() - t0) / 1000;
  console.log(
    `wrote ${m.events} events, ${(m.uncompressedBytes / 1e6).toFixed(1)} MB uncompressed, ${(m.compressedBytes / 1e6).toFixed(1)} MB on disk to ${values.out} in ${s.toFixed(1)} s`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
}
