// Every API this broker implements, by key. ApiVersions advertises exactly this list.
import type { ApiHandler } from './types.js';
import { apiVersions } from './apiVersions.js';
import { metadata } from './metadata.js';
import { createTopics } from './createTopics.js';
import { deleteTopics } from './deleteTopics.js';
import { produce } from './produce.js';
import { fetch } from './fetch.js';
import { listOffsets } from './listOffsets.js';
import { findCoordinator } from './findCoordinator.js';
import { joinGroup } from './joinGroup.js';
import { syncGroup } from './syncGroup.js';
import { heartbeat } from './heartbeat.js';
import { leaveGroup } from './leaveGroup.js';
import { offsetCommit } from './offsetCommit.js';
import { offsetFetch } from './offsetFetch.js';
import { describeGroups } from './describeGroups.js';
import { listGroups } from './listGroups.js';
import { deleteGroups } from './deleteGroups.js';
import { saslHandshake } from './saslHandshake.js';
import { saslAuthenticate } from './saslAuthenticate.js';
import { initProducerId } from './initProducerId.js';
import { describeConfigs } from './describeConfigs.js';

export const apis: readonly ApiHandler[] = [
  produce, fetch, listOffsets, metadata, offsetCommit, offsetFetch, findCoordinator, joinGroup, heartbeat,
  leaveGroup, syncGroup, describeGroups, listGroups, saslHandshake, apiVersions, createTopics, deleteTopics,
  initProducerId, describeConfigs, saslAuthenticate, deleteGroups,
];

export const apisByKey = new Map(apis.map((a) => [a.key, a]));
