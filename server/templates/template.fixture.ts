/** The contract's example template: a portal kick-off, a portal step after it, an internal step after that. */
export const ONBOARDING = {
  name: 'Standard onboarding',
  project: { name: 'Onboarding' },
  tasks: [
    { key: 'kickoff', title: 'Kick-off call', visibility: 'portal', priority: 'high', due_in_days: 3, assign_to: 'csm' },
    { key: 'sso', title: 'Configure SSO', description: 'Send us your IdP metadata.', visibility: 'portal', due_in_days: 10, assign_to: 'contacts', after: ['kickoff'] },
    { key: 'risk', title: 'Check adoption risk', visibility: 'internal', after: ['sso'] },
  ],
};
