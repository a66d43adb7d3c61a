/** The policy resource: a policy is issued in, and owned by, the region that receives the request. */
package dev.regent.insurer.api.policy;
