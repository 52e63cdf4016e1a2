// Handoff branding for the Camunda Admin webapp.
export default {
  app: {
    name: 'Admin',
    vendor: 'Handoff'
  },
  // No first-visit welcome/migration notice: Handoff runs Camunda 7 on purpose.
  disableWelcomeMessage: true,
  assignProcessInstanceIdToTaskComment: true
};
