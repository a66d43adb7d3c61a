/** The policy read model, in every region. */
package dev.regent.insurer.views.policy;
