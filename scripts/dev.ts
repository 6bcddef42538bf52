import { spawn } from 'node:child_process';

// `npm run dev`: the API server in watch mode on 3001 and Vite with hot reload on 3000, proxying /api.
const apiPort = process.env.PINGYI_DEV_API_PORT ?? '3001';
const children = [
  spawn('npx', ['tsx', 'watch', 'server/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, CLIENT_BUILD: 'skip' },
  }),
  spawn('npx', ['vite'], { stdio: 'inherit', env: { ...process.env, PINGYI_DEV_API_PORT: apiPort } }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && stop());
