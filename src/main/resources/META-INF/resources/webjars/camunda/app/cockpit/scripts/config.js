// Handoff branding for the Camunda Cockpit webapp.
export default {
  app: {
    name: 'Cockpit',
    vendor: 'Handoff'
  },
  // No first-visit welcome/migration notice: Handoff runs Camunda 7 on purpose.
  disableWelcomeMessage: true,
  assignProcessInstanceIdToTaskComment: true
};
