import { Body, Controller, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { EmptyQuery } from '../infra/http/empty-query';
import { UpdateRoleDto } from './dto/update-role.dto';
import { UserResponse } from './dto/user.response';
import { toUserView, UsersService, type UserView } from './users.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@ApiResponse({ status: 403, description: 'FORBIDDEN: admins only' })
@Controller('v1/admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Patch(':id')
  @ApiOkResponse({ type: UserResponse })
  @ApiResponse({ status: 404, description: 'USER_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'LAST_ADMIN: the last admin cannot be demoted' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED' })
  async setRole(@Param('id') id: string, @Body() body: UpdateRoleDto, @Query() _query: EmptyQuery): Promise<UserView> {
    return toUserView(await this.users.setRole(id, body.role));
  }
}
