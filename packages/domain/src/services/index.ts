// Domain services shared by gateway and worker: validated writes, one transaction each.
export {};
