export { getViewer, requireTeamMember } from "./guards";
export { actionClient, publicActionClient } from "./safe-action";
export { withTeamAdmin } from "./with-team";
